package io.mouthpiece.engine.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Where finished analyses of videos live, as opaque bytes by key: on disk for the command line
 * ({@link DiskAnalysisCache}), in the service's file store for the server. The cache knows nothing
 * of what an entry holds: the sync stage writes, reads and validates the bytes, and an entry it
 * finds damaged or foreign is {@link #remove removed} and computed again, never trusted.
 */
public interface AnalysisCache {
  /** Writes an entry's bytes; what it writes becomes visible only once it returns normally. */
  @FunctionalInterface
  interface EntryWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /** A held per-key lock; closing it lets the next holder in. */
  interface KeyLock extends AutoCloseable {
    @Override
    void close() throws IOException;
  }

  /** The entry's bytes, empty when there is none; the caller closes the stream. */
  Optional<InputStream> open(String key) throws IOException;

  /**
   * Stores an entry, replacing one under the same key. Readers see the old entry, the whole new
   * one, or none: never part of one (written aside, then moved in at once).
   */
  void put(String key, EntryWriter writer) throws IOException;

  /** Forgets an entry (one found damaged); absent is fine. */
  void remove(String key) throws IOException;

  /**
   * Waits for and takes the key's lock, so two jobs on the same new video compute it once: the
   * second finds the first's entry when it gets the lock. How far it reaches (this process, or
   * every process on the machine) is each implementation's to say; where it does not reach, both
   * compute and both write whole entries, which is correct, only slower.
   */
  KeyLock lock(String key) throws IOException;
}
