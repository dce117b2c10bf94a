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
}
