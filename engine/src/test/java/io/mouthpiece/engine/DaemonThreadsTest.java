package io.mouthpiece.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The threads background work runs on: daemons, named, running what they are given. */
class DaemonThreadsTest {
  @Test
  void makesNamedDaemonsThatRunTheirTask() throws Exception {
    CompletableFuture<String> ran = new CompletableFuture<>();
    Thread t = DaemonThreads.named("decode-ahead").newThread(() -> ran.complete(Thread.currentThread().getName()));
    assertTrue(t.isDaemon());
    t.start();
    assertEquals("decode-ahead", ran.get(5, TimeUnit.SECONDS));
  }

  @Test
  void servesAnExecutor() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.named("helper"));
    try {
      assertEquals(true, executor.submit(() -> Thread.currentThread().isDaemon()).get(5, TimeUnit.SECONDS));
      assertEquals("helper", executor.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS));
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void anInterruptedOwnerStillWaitsForTheThreadAndKeepsItsInterrupt() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    Thread worker = DaemonThreads.named("busy").newThread(() -> {
      long until = System.nanoTime() + 300_000_000L;
      while (System.nanoTime() < until) {
        Thread.onSpinWait(); // busy, as in native code: an interrupt does not stop it
      }
      done.set(true);
    });
    worker.start();
    Thread.currentThread().interrupt(); // a shutdown reached the owner first
    try {
      DaemonThreads.joinUninterruptibly(worker, 5_000);
      assertTrue(done.get(), "waited for the thread to end, interrupted or not");
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the owner");
    } finally {
      Thread.interrupted();
    }
  }
}
