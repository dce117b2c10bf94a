package io.mouthpiece.server;

import static io.mouthpiece.server.ServerValidationTest.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Cancelling tasks over HTTP ({@code POST …/{id}/cancel}, ours) on a real server that renders one
 * task at a time: a queued task and a rendering one become failed with "cancelled" and are called
 * back so; the render stops at once (its partial file is gone within two seconds, where the whole
 * render takes many more, and the next task then runs), keeps no result, and leaves nothing in the
 * temp folder. A finished task cannot be cancelled; an unknown task, another account's or one of the
 * other endpoint is not found.
 */
class TaskCancelTest {
  private static final Path CLIP = TestMedia.video("retalking_face2.mp4"); // 5 s: renders in a few seconds

  @Test
  void queuedAndRenderingTasksAreCancelledAndTheRenderStops() throws Exception {
    // 15 s of 720p: its render goes on for well over the two seconds a cancel is given to stop it.
    Path longVideo = TestMedia.oneFace720p("retalking_face2.mp4", 15);
    try (LocalHttp host = new LocalHttp(CLIP.getParent().getParent()); TestServer server = TestServer.start(Map.of())) {
      String key = server.keys.apiKey();
      String callback = host.url("/callback");

      // A rendering task, of the older endpoint (the whole audio over the largest face).
      String videoId = server.api.upload("/v1/files", key, longVideo).data().path("file_id").asText();
      Api.Answer created = server.api.post("/v1/videos/lip-sync", key, "{\"input\": {\"video_id\": \"" + videoId
          + "\", \"mode\": \"audio2video\", \"audio_type\": \"url\", \"audio_url\": \""
          + host.url("/media/audio/retalking_2.wav") + "\"}, \"callback_url\": \"" + callback + "\"}");
      assertEquals(200, created.status(), created.message());
      String rendering = created.data().path("task_id").asText();
      server.api.awaitRendering("/v1/videos/lip-sync/" + rendering, key, Duration.ofSeconds(90));
      assertEquals(1, server.tempFiles().size(), "the render is being written: " + server.tempFiles());

      // An advanced task queued behind it.
      String session = identify(server, host);
      String queued = createAdvanced(server, host, session, callback);
      assertEquals("submitted", task(server, "advanced-lip-sync", queued).path("task_status").asText());

      Api.Answer cancelledQueued = server.api.method("POST", "/v1/videos/advanced-lip-sync/" + queued + "/cancel", key);
      assertEquals(200, cancelledQueued.status(), cancelledQueued.message());
      assertCancelled(cancelledQueued.data());
      assertCancelled(task(server, "advanced-lip-sync", queued));

      // The rendering one, under the reseller prefix.
      Api.Answer cancelledRendering = server.api.method("POST", "/kling/v1/videos/lip-sync/" + rendering + "/cancel", key);
      long cancelledAt = System.nanoTime();
      assertEquals(200, cancelledRendering.status(), cancelledRendering.message());
      assertCancelled(cancelledRendering.data());
      int progressAtCancel = cancelledRendering.data().path("task_progress").asInt();
      assertTrue(progressAtCancel < 60, "caught early in its render: " + progressAtCancel + " %");
      while (!server.tempFiles().isEmpty() && System.nanoTime() - cancelledAt < Duration.ofSeconds(2).toNanos()) {
        Thread.sleep(50);
      }
      assertEquals(List.of(), server.tempFiles(), "the render stopped and its partial file is deleted within 2 s");
      Thread.sleep(1000);
      JsonNode after = task(server, "lip-sync", rendering);
      assertCancelled(after);
      assertEquals(progressAtCancel, after.path("task_progress").asInt(), "its progress stopped");

      // The worker is free: a task created now runs, and succeeds.
      String next = createAdvanced(server, host, session, null);
      JsonNode done = server.api.awaitFinal("/v1/videos/advanced-lip-sync/" + next, key, Duration.ofSeconds(90));
      assertEquals("succeed", done.path("task_status").asText(), done.toString());

      // Neither cancelled task has a result, on the wire or on disk; the queued one never ran after.
      for (String id : List.of(rendering, queued)) {
        JsonNode t = task(server, id.equals(rendering) ? "lip-sync" : "advanced-lip-sync", id);
        assertCancelled(t);
        assertEquals(0, t.path("task_result").path("videos").size(), t.toString());
        assertEquals(List.of(), storedUnder(server, "r" + id), "no result file of " + id);
      }
      JsonNode queuedNow = task(server, "advanced-lip-sync", queued);
      assertEquals(0, queuedNow.path("task_progress").asInt(), "the queued task never ran");

      // A cancelled task still says what it was asked (ours: task_input), so it can be shown again.
      JsonNode input = queuedNow.path("task_input");
      assertEquals(session, input.path("session_id").asText(), input.toString());
      JsonNode face = input.path("face_choose").get(0);
      assertEquals("0", face.path("face_id").asText());
      assertEquals(host.url("/media/audio/retalking_1.wav"), face.path("sound_file").asText());
      assertEquals(face.path("sound_file").asText(), face.path("audio_url").asText());
      assertTrue(face.path("audio_id").isNull(), face.toString());
      assertEquals(List.of(0L, 4000L, 500L), List.of(face.path("sound_start_time").asLong(),
          face.path("sound_end_time").asLong(), face.path("sound_insert_time").asLong()));
      assertEquals(1.5, face.path("sound_volume").asDouble());
      assertEquals(1.0, input.path("original_audio_volume").asDouble());
      assertEquals(0, face.path("start_time").asLong(), "the face's track as identify-face found it");
      assertTrue(face.path("end_time").asLong() >= 4900, face.toString());
      assertEquals(200, server.api.download(face.path("face_image").asText(), null).status(), "its crop is served");
      assertEquals(List.of(), server.tempFiles(), "nothing left in DATA_DIR/files/.tmp");

      // Each called back on every change, the cancel last.
      awaitCallbacks(host, rendering, 3);
      awaitCallbacks(host, queued, 2);
      assertEquals(List.of("submitted", "processing", "failed"), host.statusesCalledBack(rendering));
      assertEquals(List.of("submitted", "failed"), host.statusesCalledBack(queued));
      for (String id : List.of(rendering, queued)) {
        JsonNode last = host.callbackBodies().stream().filter(b -> b.path("task_id").asText().equals(id))
            .reduce((a, b) -> b).orElseThrow();
        assertEquals("cancelled", last.path("task_status_msg").asText(), last.toString());
      }

      // What cannot be cancelled.
      expect(server.api.method("POST", "/v1/videos/advanced-lip-sync/" + next + "/cancel", key), 400, 1201,
          "has already finished (succeed)");
      expect(server.api.method("POST", "/v1/videos/lip-sync/" + rendering + "/cancel", key), 400, 1201,
          "has already finished (failed)");
      expect(server.api.method("POST", "/v1/videos/advanced-lip-sync/no-such-task/cancel", key), 404, 1203, "not found");
      expect(server.api.method("POST", "/v1/videos/advanced-lip-sync/" + rendering + "/cancel", key), 404, 1203,
          "not found"); // a lip-sync task is not an advanced one
      String otherKey = server.server.accounts().create("other").apiKey();
      expect(server.api.method("POST", "/v1/videos/advanced-lip-sync/" + next + "/cancel", otherKey), 404, 1203, "not found");
    }
  }

  private static void assertCancelled(JsonNode task) {
    assertEquals("failed", task.path("task_status").asText(), task.toString());
    assertEquals("cancelled", task.path("task_status_msg").asText(), task.toString());
  }

  private static JsonNode task(TestServer server, String kind, String id) {
    return server.api.get("/v1/videos/" + kind + "/" + id, server.keys.apiKey()).data();
  }

  private static String identify(TestServer server, LocalHttp host) {
    Api.Answer a = server.api.post("/v1/videos/identify-face", server.keys.apiKey(),
        "{\"video_url\": \"" + host.url("/media/video/retalking_face2.mp4") + "\"}");
    assertEquals(200, a.status(), a.message());
    return a.data().path("session_id").asText();
  }

  /** Face 0 of the session says 4 s of the host's speech from 500 ms; the task id. */
  private static String createAdvanced(TestServer server, LocalHttp host, String session, String callback) {
    Api.Answer a = server.api.post("/v1/videos/advanced-lip-sync", server.keys.apiKey(), "{\"session_id\": \"" + session
        + "\", \"face_choose\": [{\"face_id\": \"0\", \"sound_file\": \"" + host.url("/media/audio/retalking_1.wav")
        + "\", \"sound_start_time\": 0, \"sound_end_time\": 4000, \"sound_insert_time\": 500, \"sound_volume\": 1.5}]"
        + (callback == null ? "" : ", \"callback_url\": \"" + callback + "\"") + "}");
    assertEquals(200, a.status(), a.message());
    return a.data().path("task_id").asText();
  }

  /** The stored files whose name starts with {@code prefix}, in any account's folder. */
  private static List<Path> storedUnder(TestServer server, String prefix) throws Exception {
    try (Stream<Path> all = Files.walk(server.dataDir.resolve("files"))) {
      return all.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }
  }

  private static void awaitCallbacks(LocalHttp host, String taskId, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (host.statusesCalledBack(taskId).size() < count && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }
}
