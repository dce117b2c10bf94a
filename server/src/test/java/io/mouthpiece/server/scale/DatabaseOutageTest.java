package io.mouthpiece.server.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.Api;
import io.mouthpiece.server.LocalHttp;
import io.mouthpiece.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarted under load: while a task renders and clients keep asking, the database is
 * stopped (connections cut) and started again on the same port and data. While it is down every
 * answer that needs it is 503/5001 (never a 500, never a hang); once it is back the service
 * answers again by itself (its job server, which JobRunr stopped meanwhile, too), the task caught by
 * the outage still ends succeed, and a new one too.
 */
class DatabaseOutageTest {
  @Test
  void theApiAnswers503WhileTheDatabaseIsDownAndRecoversAlone() throws Exception {
    Path video = TestMedia.video("retalking_face2.mp4");
    try (PostgresServer pg = PostgresServer.start(); LocalHttp host = new LocalHttp(video.getParent().getParent());
        TestServer server = TestServer.start(Map.of("database.url", pg.jdbcUrl(), "database.user", "postgres"))) {
      String key = server.keys.apiKey();
      Api.Answer identified = server.api.post("/v1/videos/identify-face", key,
          "{\"video_url\": \"" + host.url("/media/video/retalking_face2.mp4") + "\"}");
      assertEquals(200, identified.status(), identified.message());
      String body = "{\"session_id\": \"" + identified.data().path("session_id").asText() + "\", \"face_choose\": [{"
          + "\"face_id\": \"0\", \"sound_file\": \"" + host.url("/media/audio/retalking_1.wav") + "\","
          + " \"sound_start_time\": 0, \"sound_end_time\": 2500, \"sound_insert_time\": 0}]}";
      String taskPath = "/v1/videos/advanced-lip-sync/" + create(server.api, key, body);
      awaitProcessing(server.api, key, taskPath);

      Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
      AtomicBoolean loading = new AtomicBoolean(true);
      Thread load = new Thread(() -> {
        while (loading.get()) {
          try {
            statuses.merge(server.api.get(taskPath, key).status(), 1, Integer::sum);
          } catch (RuntimeException e) {
            statuses.merge(-1, 1, Integer::sum); // no answer at all
          }
        }
      });
      load.start();
      pg.stop();
      long downAt = System.nanoTime();
      Api.Answer get = server.api.get(taskPath, key);
      assertEquals(503, get.status(), get.message());
      assertEquals(5001, get.code());
      long answeredMs = (System.nanoTime() - downAt) / 1_000_000;
      assertTrue(answeredMs < 10_000, "a failing request answers within the connect timeout, took " + answeredMs + " ms");
      Api.Answer post = server.api.post("/v1/videos/advanced-lip-sync", key, body);
      assertEquals(503, post.status(), post.message());
      assertEquals(5001, post.code());
      assertEquals(503, server.api.get("/health", null).status());
      // The outage lasts until JobRunr has stopped its job server (its heartbeat could not reach the
      // database): the state the node must recover from by itself.
      while (server.server.jobsRunning()) {
        assertTrue(System.nanoTime() - downAt < Duration.ofSeconds(60).toNanos(), "the job server still runs 60 s into the outage");
        Thread.sleep(100);
      }

      pg.startAgain();
      long upAt = System.nanoTime();
      while (server.api.get(taskPath, key).status() != 200) {
        assertTrue(System.nanoTime() - upAt < Duration.ofSeconds(30).toNanos(), "no recovery within 30 s of the restart");
        Thread.sleep(200);
      }
      while (!server.server.jobsRunning()) {
        assertTrue(System.nanoTime() - upAt < Duration.ofSeconds(60).toNanos(), "the job server not started again within 60 s");
        Thread.sleep(100);
      }
      loading.set(false);
      load.join();
      assertEquals(List.of(200, 503), statuses.keySet().stream().sorted().toList(), "only 200 and 503, got " + statuses);

      JsonNode caught = server.api.awaitFinal(taskPath, key, Duration.ofMinutes(3));
      assertEquals("succeed", caught.path("task_status").asText(), "the task caught by the outage: " + caught);
      JsonNode after = server.api.awaitFinal("/v1/videos/advanced-lip-sync/" + create(server.api, key, body), key,
          Duration.ofMinutes(2));
      assertEquals("succeed", after.path("task_status").asText(), "a task made after the restart: " + after);
      assertEquals(200, server.api.get("/health", null).status());
    }
  }

  private static String create(Api api, String key, String body) {
    Api.Answer created = api.post("/v1/videos/advanced-lip-sync", key, body);
    assertEquals(200, created.status(), created.message());
    return created.data().path("task_id").asText();
  }

  private static void awaitProcessing(Api api, String key, String taskPath) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!api.get(taskPath, key).data().path("task_status").asText().equals("processing")) {
      assertTrue(System.nanoTime() < deadline, "the task did not start within 60 s");
      Thread.sleep(100);
    }
  }
}
