package io.mouthpiece.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.auth.AccountKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM during a render: the service keeps listening while the render drains, and every request
 * in that time (the probe, a create, a query) is answered 503/5001 with Retry-After instead of a
 * refused connection; the render finishes before the process exits.
 */
class ShutdownDrainTest {
  @Test
  void whileARenderDrainsEveryRequestHearsWhyAndWhenToComeBack() throws Exception {
    Path video = TestMedia.video("retalking_face2.mp4");
    ServerProcess.Prepared prepared = ServerProcess.prepare("drain", "server.shutdown-grace=120s");
    Path dataDir = prepared.dataDir();
    AccountKeys keys = prepared.keys();
    Api api = prepared.api();
    try (LocalHttp host = new LocalHttp(video.getParent().getParent())) {
      Process server = ServerProcess.launch(dataDir, "server.log");
      try {
        api.awaitHealthy(server, Duration.ofSeconds(60));
        Api.Answer identified = api.post("/v1/videos/identify-face", keys.apiKey(),
            "{\"video_url\": \"" + host.url("/media/video/retalking_face2.mp4") + "\"}");
        assertEquals(200, identified.status(), identified.message());
        String create = "{\"session_id\": \"" + identified.data().path("session_id").asText() + "\", \"face_choose\": [{"
            + "\"face_id\": \"0\", \"sound_file\": \"" + host.url("/media/audio/retalking_2.wav") + "\", \"sound_start_time\": 0,"
            + " \"sound_end_time\": 4000, \"sound_insert_time\": 0}], \"callback_url\": \"" + host.url("/callback") + "\"}";
        Api.Answer created = api.post("/v1/videos/advanced-lip-sync", keys.apiKey(), create);
        assertEquals(200, created.status(), created.message());
        String taskPath = "/v1/videos/advanced-lip-sync/" + created.data().path("task_id").asText();
        api.awaitRendering(taskPath, keys.apiKey(), Duration.ofSeconds(60));

        server.destroy(); // SIGTERM
        // The signal reaches the JVM's shutdown hook a moment later: from then on, not ready.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (api.get("/health", null).status() == 200) {
          assertTrue(System.nanoTime() < deadline, "the probe still says ready 10 s after SIGTERM");
          Thread.sleep(20);
        }
        int answeredRounds = 0;
        while (server.isAlive()) {
          Api.Answer health;
          Api.Answer refused;
          Api.Answer query;
          try {
            health = api.get("/health", null);
            refused = api.post("/v1/videos/advanced-lip-sync", keys.apiKey(), create);
            query = api.get(taskPath, keys.apiKey());
          } catch (RuntimeException closing) {
            break; // the listener closes last, after the drain: the end of this test's window
          }
          assertEquals(503, health.status(), "not ready while draining");
          assertEquals(5001, health.code());
          for (Api.Answer a : List.of(refused, query)) {
            assertEquals(503, a.status(), a.json().toString());
            assertEquals(5001, a.code(), a.json().toString());
            assertTrue(a.message().contains("shutting down"), a.message());
            assertTrue(a.response().headers().firstValue("retry-after").isPresent(), "Retry-After says when");
          }
          answeredRounds++;
          Thread.sleep(100);
        }
        assertTrue(server.waitFor(150, TimeUnit.SECONDS), "the process exits once the render is done");
        assertTrue(answeredRounds >= 1, "the service answered while it drained (rounds: " + answeredRounds + ")");
        host.awaitSucceedCallbacks(List.of(created.data().path("task_id").asText()), Duration.ofSeconds(5));
      } finally {
        server.destroyForcibly().waitFor();
      }
    }
  }
}
