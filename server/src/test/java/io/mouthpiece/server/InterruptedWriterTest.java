package io.mouthpiece.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A thread interrupted while it writes to the embedded database (a job stopped by a shutdown or a
 * cancel) loses at most its own write: the database stays open for everyone else.
 */
class InterruptedWriterTest {
  @Test
  void anInterruptedWriterDoesNotCloseTheDatabase() throws Exception {
    try (TestServer server = TestServer.start(Map.of())) {
      AtomicReference<Boolean> flagKept = new AtomicReference<>();
      Thread writer = new Thread(() -> {
        Thread.currentThread().interrupt();
        try {
          server.server.accounts().create("written-while-interrupted");
        } catch (RuntimeException lostItsOwnWrite) {
          // allowed: only this write may be lost
        }
        flagKept.set(Thread.currentThread().isInterrupted());
      });
      writer.start();
      writer.join();
      assertTrue(flagKept.get(), "the interrupt is still there for the job to notice");
      assertEquals(200, server.api.get("/health", null).status(), "the database is still up");
      server.server.accounts().create("written-after");
      assertEquals(200, server.api.get("/v1/videos/advanced-lip-sync", server.keys.apiKey()).status());
    }
  }
}
