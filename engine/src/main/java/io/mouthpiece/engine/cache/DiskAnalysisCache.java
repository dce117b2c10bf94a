package io.mouthpiece.engine.cache;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link AnalysisCache} in a directory ({@code KEY.analysis} files), for the command line: bounded
 * in total size, the least recently used entry deleted first (a hit sets its file's modification
 * time to now, so that time is when it was last used). An entry is written to a temp file beside
 * it and renamed into place, so a reader or a killed writer never leaves half an entry under its
 * name. The key's lock reaches every process on the machine: a byte of {@code .locks} (at a
 * position from the key's hash) locked with the OS's file lock, after this process's own per-key lock.
 */
public final class DiskAnalysisCache implements AnalysisCache {
  /** The bound unless one is given: about fifty one-minute 720p videos' analyses. */
  public static final long DEFAULT_MAX_BYTES = 2L << 30;
  private static final String SUFFIX = ".analysis";
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{16,128}");
  /** A temp file this old is a writer's that died: no write takes an hour. */
  private static final long STALE_TEMP_MS = 3_600_000;
  /** How often a lock held by another cache of this process on the same directory is tried again. */
  private static final long RETRY_MS = 20;

  private final Path dir;
  private final long maxBytes;
  private final KeyLocks locks = new KeyLocks();

  /** A cache in {@code dir} (made when missing) of at most {@code maxBytes}. */
  public DiskAnalysisCache(Path dir, long maxBytes) throws IOException {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes: must be positive, got " + maxBytes);
    }
    this.dir = dir.toAbsolutePath().normalize();
    this.maxBytes = maxBytes;
    Files.createDirectories(this.dir);
  }

  public Path dir() {
    return dir;
  }

  private Path entry(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("bad cache key: " + key);
    }
    return dir.resolve(key + SUFFIX);
  }

  @Override
  public Optional<InputStream> open(String key) throws IOException {
    Path p = entry(key);
    try {
      InputStream in = Files.newInputStream(p);
      try {
        // Used now: the eviction's clock (least recently used first) is the file's modification time.
        Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis()));
      } catch (IOException e) {
        // A cache shared read-only: the entry is still good to read, it only ages as if unused.
      }
      return Optional.of(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void put(String key, EntryWriter writer) throws IOException {
    Path target = entry(key);
    Path part = Files.createTempFile(dir, "." + key + "-", ".part");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
        writer.writeTo(out);
      }
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(part);
    }
    evict(target);
  }

  @Override
  public void remove(String key) throws IOException {
    Files.deleteIfExists(entry(key));
  }

  /**
   * Deletes the least recently used entries until the total fits, and temp files writers that
   * died left behind. The entry just written goes last, and only when it alone is over the bound.
   */
  private void evict(Path justWritten) throws IOException {
    record Found(Path path, long bytes, long usedMs) {}
    List<Found> entries = new ArrayList<>();
    long total = 0;
    long now = System.currentTimeMillis();
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        try {
          if (name.endsWith(SUFFIX)) {
            long bytes = Files.size(p);
            entries.add(new Found(p, bytes, p.equals(justWritten) ? Long.MAX_VALUE : Files.getLastModifiedTime(p).toMillis()));
            total += bytes;
          } else if (name.endsWith(".part") && Files.getLastModifiedTime(p).toMillis() < now - STALE_TEMP_MS) {
            Files.deleteIfExists(p);
          }
        } catch (NoSuchFileException gone) {
          // deleted by another process meanwhile
        }
      }
    }
    entries.sort(Comparator.comparingLong(Found::usedMs));
    for (Found f : entries) {
      if (total <= maxBytes) {
        break;
      }
      Files.deleteIfExists(f.path());
      total -= f.bytes();
    }
  }

  @Override
  public KeyLock lock(String key) throws IOException {
    entry(key); // checks the key
    // One byte of one file per key: lock files never pile up. Two keys on the same byte (one in
    // 2^31) only wait for each other. The in-process lock is by that byte too, as the JVM refuses
    // a second lock of an overlapping range within one process.
    long at = Integer.toUnsignedLong(key.hashCode()) & 0x7fffffffL;
    KeyLock inProcess = locks.lock(Long.toString(at));
    FileChannel channel = null;
    try {
      channel = FileChannel.open(dir.resolve(".locks"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock held = acquire(channel, at);
      FileChannel open = channel;
      return () -> {
        try {
          held.release();
          open.close();
        } finally {
          inProcess.close();
        }
      };
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      inProcess.close();
      throw e;
    }
  }

  /** The OS lock on one byte; another cache object of this process on the same directory is waited out. */
  private static FileLock acquire(FileChannel channel, long at) throws IOException {
    while (true) {
      try {
        return channel.lock(at, 1, false);
      } catch (OverlappingFileLockException sameProcess) {
        try {
          Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for the analysis cache's lock", e);
        }
      }
    }
  }
}
