package io.mouthpiece.server.store;

import java.io.IOException;
import java.util.List;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where the bytes of inputs, face crops and results live, by key ({@code account/id.ext}): a local
 * directory ({@link LocalFileStore}) or an S3-compatible bucket ({@link S3FileStore}), chosen by
 * configuration; the rest of the service only makes these calls. The engine needs a local file, so
 * {@link #localPath} hands one out (a local store's own file; the object store's cached copy).
 */
public interface FileStore {
  /** The store the configuration names: the bucket when one is set, else {@code DATA_DIR/files}. */
  static FileStore open(io.mouthpiece.server.config.ServerConfig config) throws IOException {
    Path local = config.dataDir().resolve("files");
    return config.storage().isS3() ? new S3FileStore(config.storage(), local) : new LocalFileStore(local);
  }

  /** One stored object as listed: its key and when it was last written. */
  record Entry(String key, long modifiedMs) {}

  /** Moves a finished local file under {@code key}, atomically: readers see all of it or nothing. */
  void putFile(String key, Path source) throws IOException;

  /** Writes bytes under {@code key}, atomically. */
  void putBytes(String key, byte[] bytes) throws IOException;

  /** A local file holding the key's bytes, for the engine to read. */
  Path localPath(String key) throws IOException;

  /** A fresh temporary file in the store's own file system, so {@link #putFile} can be a rename. */
  Path tempFile(String suffix) throws IOException;

  /** The key's bytes from {@code offset}, {@code length} of them (a range request asks for just those). */
  InputStream open(String key, long offset, long length) throws IOException;

  boolean exists(String key);

  /** Deletes the key's bytes; absent is fine. */
  void delete(String key) throws IOException;

  /** Every stored key, for the retention sweep to find objects no row refers to. */
  List<Entry> list() throws IOException;

  /** Removes this process's local leftovers older than an hour: temp files of a crash, cached copies. */
  void sweepLocal() throws IOException;

  /**
   * Deletes the temp files last written before {@code writtenBeforeMs}: at start, with the process's
   * start time, what a process that died on this data dir left (a part download, a partial render).
   * Returns how many.
   */
  int sweepTemp(long writtenBeforeMs) throws IOException;
}
