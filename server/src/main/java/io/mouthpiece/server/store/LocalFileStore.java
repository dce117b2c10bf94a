package io.mouthpiece.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** {@link FileStore} in a directory: {@code DATA_DIR/files/<key>}; temp files in {@code DATA_DIR/files/.tmp}. */
public final class LocalFileStore implements FileStore {
  private final Path root;
  private final Path tmp;

  public LocalFileStore(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.tmp = this.root.resolve(".tmp");
    Files.createDirectories(tmp);
  }

  private Path resolve(String key) {
    Path p = root.resolve(key).normalize();
    if (!p.startsWith(root) || p.equals(root) || p.startsWith(tmp)) {
      throw new IllegalArgumentException("bad storage key: " + key);
    }
    return p;
  }

  @Override
  public void putFile(String key, Path source) throws IOException {
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void putBytes(String key, byte[] bytes) throws IOException {
    Path t = tempFile(".part");
    try {
      Files.write(t, bytes);
      putFile(key, t);
    } catch (IOException | RuntimeException | Error e) {
      Files.deleteIfExists(t);
      throw e;
    }
  }

  @Override
  public Path localPath(String key) throws IOException {
    Path p = resolve(key);
    if (!Files.isRegularFile(p)) {
      throw new java.io.FileNotFoundException("no stored file " + key);
    }
    return p;
  }

  @Override
  public Path tempFile(String suffix) throws IOException {
    return Files.createTempFile(tmp, "part-", suffix);
  }

  @Override
  public InputStream open(String key, long offset, long length) throws IOException {
    SeekableByteChannel ch = Files.newByteChannel(resolve(key));
    ch.position(offset);
    return Channels.newInputStream(ch);
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(resolve(key));
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(resolve(key));
  }

  @Override
  public List<Entry> list() throws IOException {
    try (var files = Files.walk(root)) {
      List<Entry> entries = new ArrayList<>();
      for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.startsWith(tmp)).toList()) {
        entries.add(new Entry(root.relativize(p).toString().replace(java.io.File.separatorChar, '/'),
            Files.getLastModifiedTime(p).toMillis()));
      }
      return entries;
    }
  }

  /** Removes temp files left by a crash (older than an hour): nothing else refers to them. */
  @Override
  public void sweepLocal() throws IOException {
    deleteWrittenBefore(tmp, System.currentTimeMillis() - 3_600_000);
  }

  @Override
  public int sweepTemp(long writtenBeforeMs) throws IOException {
    return deleteWrittenBefore(tmp, writtenBeforeMs);
  }

  /** Deletes the files under {@code dir} last written before {@code cutoffMs}; returns how many. */
  // File times are the system clock's, so cutoffs are too (not the server's retention clock).
  static int deleteWrittenBefore(Path dir, long cutoffMs) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int deleted = 0;
    try (var files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        try {
          if (Files.getLastModifiedTime(p).toMillis() < cutoffMs && Files.deleteIfExists(p)) {
            deleted++;
          }
        } catch (java.nio.file.NoSuchFileException gone) {
          // renamed into the store or deleted by its owner meanwhile
        }
      }
    }
    return deleted;
  }
}
