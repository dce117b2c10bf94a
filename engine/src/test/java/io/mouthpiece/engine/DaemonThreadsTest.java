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
}
