package io.mouthpiece.engine.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's cache directory: whole entries only, bounded, least recently used out first, locked per key. */
class DiskAnalysisCacheTest {
  @TempDir Path temp;

  private static String key(int i) {
    return String.format("%064x", i + 1);
  }

  private static byte[] read(DiskAnalysisCache cache, String key) throws IOException {
    Optional<InputStream> in = cache.open(key);
    if (in.isEmpty()) {
      return null;
    }
    try (InputStream s = in.get()) {
      return s.readAllBytes();
    }
  }

  @Test
  void theLeastRecentlyUsedEntryGoesFirstWhenTheBoundIsPassed() throws Exception {
    DiskAnalysisCache cache = new DiskAnalysisCache(temp, 2500);
    byte[] kb = new byte[1000];
    cache.put(key(0), out -> out.write(kb));
    cache.put(key(1), out -> out.write(kb));
    // Written long ago, but used just now: the hit counts, not the write.
    long old = System.currentTimeMillis() - 60_000;
    Files.setLastModifiedTime(temp.resolve(key(0) + ".analysis"), FileTime.fromMillis(old));
    Files.setLastModifiedTime(temp.resolve(key(1) + ".analysis"), FileTime.fromMillis(old + 1000));
    assertArrayEquals(kb, read(cache, key(0)));
    cache.put(key(2), out -> out.write(kb));
    assertArrayEquals(kb, read(cache, key(0)), "used most recently: kept");
    assertEquals(null, read(cache, key(1)), "least recently used: evicted");
    assertArrayEquals(kb, read(cache, key(2)), "just written: kept");
  }

  @Test
  void aWriteThatFailsLeavesNothingUnderTheKey() throws Exception {
    DiskAnalysisCache cache = new DiskAnalysisCache(temp, 1 << 20);
    cache.put(key(0), out -> out.write(new byte[] {1, 2, 3}));
    assertThrows(IOException.class, () -> cache.put(key(0), out -> {
      out.write(new byte[100]);
      throw new IOException("disk full");
    }));
    assertArrayEquals(new byte[] {1, 2, 3}, read(cache, key(0)), "the old entry stands, whole");
    try (var files = Files.list(temp)) {
      assertTrue(files.noneMatch(p -> p.toString().endsWith(".part")), "no temp file left");
    }
    assertThrows(IllegalArgumentException.class, () -> cache.open("../../etc/passwd"));
  }

  @Test
  void theKeysLockReachesAnotherProcess() throws Exception {
    Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), LockHolder.class.getName(), temp.toString(), key(0), "1500")
        .redirectErrorStream(true).start();
    try {
      String said = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream())).readLine();
      assertEquals("locked", said, "the other process holds the key's lock");
      DiskAnalysisCache cache = new DiskAnalysisCache(temp, 1 << 20);
      long start = System.nanoTime();
      try (AnalysisCache.KeyLock l = cache.lock(key(0))) {
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waitedMs >= 500, "waited for the other process to let go: " + waitedMs + " ms");
      }
      assertTrue(other.waitFor(30, TimeUnit.SECONDS));
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void theKeysLockIsHeldAcrossCacheObjectsAndOnlyForThatKey() throws Exception {
    DiskAnalysisCache a = new DiskAnalysisCache(temp, 1 << 20);
    DiskAnalysisCache b = new DiskAnalysisCache(temp, 1 << 20);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch taken = new CountDownLatch(1);
      AnalysisCache.KeyLock held = a.lock(key(0));
      Future<Long> waited = pool.submit(() -> {
        long start = System.nanoTime();
        taken.countDown();
        try (AnalysisCache.KeyLock l = b.lock(key(0))) {
          return System.nanoTime() - start;
        }
      });
      taken.await();
      // Another key is not held up by it.
      assertTrue(pool.submit(() -> {
        try (AnalysisCache.KeyLock l = b.lock(key(1))) {
          return true;
        }
      }).get(5, TimeUnit.SECONDS));
      Thread.sleep(300);
      assertFalse(waited.isDone(), "the same key waits");
      held.close();
      assertTrue(waited.get(5, TimeUnit.SECONDS) >= 250_000_000L);
    } finally {
      pool.shutdownNow();
    }
  }
}
