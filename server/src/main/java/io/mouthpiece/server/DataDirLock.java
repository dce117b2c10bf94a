package io.mouthpiece.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a starting process whether it is the only live one on its data dir: an OS lock on
 * {@code DATA_DIR/serve.lock}, held for the process's life. The OS drops it however the process
 * ends (kill -9 and power loss included), so what a holder finds left behind in the data dir (temp
 * files, with the embedded database its jobs marked running) belongs to processes that are gone. A
 * process that cannot take it shares the dir with a live one (two serves on one dir, the embedded
 * database reached through its auto-server) and must leave such things alone.
 */
final class DataDirLock implements AutoCloseable {
  /**
   * Lock files this JVM holds. Checked before opening the file again: on Linux, closing any
   * descriptor of a file drops every lock the process holds on it, so a second open-and-close here
   * would silently release the first holder's lock.
   */
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;

  private DataDirLock(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Takes the lock if no live process holds it; {@link #held()} says which. */
  static DataDirLock take(Path dataDir) throws IOException {
    Path file = dataDir.resolve("serve.lock").toAbsolutePath().normalize();
    if (!HELD_HERE.add(file)) {
      return new DataDirLock(file, null);
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      if (channel.tryLock() != null) {
        return new DataDirLock(file, channel);
      }
    } catch (IOException | RuntimeException e) {
      HELD_HERE.remove(file);
      closeQuietly(channel);
      throw e;
    }
    HELD_HERE.remove(file);
    channel.close(); // this process held no lock on it: closing drops nothing
    return new DataDirLock(file, null);
  }

  /** True when this process holds the lock: no other live process uses the data dir. */
  boolean held() {
    return channel != null;
  }

  @Override
  public void close() throws IOException {
    if (channel != null && channel.isOpen()) {
      channel.close(); // releases the lock
      HELD_HERE.remove(file);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing; the first error is the one reported
      }
    }
  }
}
