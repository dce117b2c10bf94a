package io.mouthpiece.engine.cache;

import java.nio.file.Path;

/** Another process for {@link DiskAnalysisCacheTest}: holds a key's lock for a while, saying when it has it. */
public final class LockHolder {
  private LockHolder() {}

  /** Arguments: the cache directory, the key, how long to hold it in ms. */
  public static void main(String[] args) throws Exception {
    DiskAnalysisCache cache = new DiskAnalysisCache(Path.of(args[0]), 1 << 20);
    try (AnalysisCache.KeyLock held = cache.lock(args[1])) {
      System.out.println("locked");
      System.out.flush();
      Thread.sleep(Long.parseLong(args[2]));
    }
  }
}
