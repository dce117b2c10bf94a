package io.mouthpiece.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where the bytes of inputs, face crops and results live, by key ({@code account/id.ext}). Local
 * disk now; an object store later implements the same calls. The engine needs a local file, so
 * {@link #localPath} hands one out (a local store's own file; a remote store would cache).
 */
public interface FileStore {
  /** Moves a finished local file under {@code key}, atomically: readers see all of it or nothing. */
  void putFile(String key, Path source) throws IOException;

  /** Writes bytes under {@code key}, atomically. */
  void putBytes(String key, byte[] bytes) throws IOException;

  /** A local file holding the key's bytes, for the engine to read. */
  Path localPath(String key) throws IOException;

  /** A fresh temporary file in the store's own file system, so {@link #putFile} can be a rename. */
  Path tempFile(String suffix) throws IOException;

  InputStream open(String key, long offset) throws IOException;

  long size(String key) throws IOException;

  boolean exists(String key);

  /** Deletes the key's bytes; absent is fine. */
  void delete(String key) throws IOException;
}
