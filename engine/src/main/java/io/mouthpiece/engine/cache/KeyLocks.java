package io.mouthpiece.engine.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-key locks inside one process: a lock for each key someone holds or waits for, forgotten
 * when the last of them lets go, so the map does not grow with every video ever seen.
 */
public final class KeyLocks {
  private record Slot(ReentrantLock lock, int[] users) {}

  private final Map<String, Slot> slots = new HashMap<>();

  /** Waits for the key's lock; the returned handle releases it once. */
  public AnalysisCache.KeyLock lock(String key) {
    Slot slot;
    synchronized (slots) {
      slot = slots.computeIfAbsent(key, k -> new Slot(new ReentrantLock(), new int[1]));
      slot.users()[0]++;
    }
    slot.lock().lock();
    boolean[] released = new boolean[1];
    return () -> {
      if (released[0]) {
        return;
      }
      released[0] = true;
      slot.lock().unlock();
      synchronized (slots) {
        if (--slot.users()[0] == 0) {
          slots.remove(key);
        }
      }
    };
  }
}
