package io.mouthpiece.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
    Files.write(t, bytes);
    putFile(key, t);
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
  public InputStream open(String key, long offset) throws IOException {
    SeekableByteChannel ch = Files.newByteChannel(resolve(key));
    ch.position(offset);
    return Channels.newInputStream(ch);
  }

  @Override
  public long size(String key) throws IOException {
    return Files.size(resolve(key));
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(resolve(key));
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(resolve(key));
  }

  /** Removes temp files left by a crash (older than an hour): nothing else refers to them. */
  public void sweepTemp() throws IOException {
    long cutoff = System.currentTimeMillis() - 3_600_000;
    try (var files = Files.list(tmp)) {
      for (Path p : files.toList()) {
        if (Files.getLastModifiedTime(p).toMillis() < cutoff) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
