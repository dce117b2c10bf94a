package io.mouthpiece.engine;

import java.util.concurrent.ThreadFactory;

/**
 * Makes the named daemon threads background work runs on (read-ahead decoding, helper executors).
 * Daemons, so a thread left blocked by a failed or abandoned job never keeps the JVM from exiting;
 * named, so a thread dump says what each one is for. Their owners still stop them on close.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /**
   * A factory whose threads are daemons called {@code name}; every thread it makes has that name,
   * so it suits single-thread executors and one-off threads.
   */
  public static ThreadFactory named(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Waits up to {@code timeoutMs} for {@code thread} to end, even when the caller is interrupted
   * meanwhile (the interrupt is kept for the caller): its owner frees what the thread uses right
   * after, and must not while the thread may still be in native code using it.
   */
  public static void joinUninterruptibly(Thread thread, long timeoutMs) {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    boolean interrupted = false;
    while (thread.isAlive()) {
      long leftMs = (deadline - System.nanoTime()) / 1_000_000L;
      if (leftMs <= 0) {
        break;
      }
      try {
        thread.join(leftMs);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
