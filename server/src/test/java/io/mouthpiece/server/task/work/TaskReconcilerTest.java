package io.mouthpiece.server.task.work;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.Api;
import io.mouthpiece.server.LocalHttp;
import io.mouthpiece.server.TestServer;
import io.mouthpiece.server.auth.AccountStore;
import io.mouthpiece.server.db.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An unfinished task with no job (what a database lost between a task's commit and its enqueue
 * leaves behind, made here by copying a task's row) is enqueued by the reconciler once it is
 * older than the settle time, and then rendered; a task that has its job is left alone.
 */
class TaskReconcilerTest {
  @Test
  void anUnfinishedTaskWithoutAJobIsEnqueuedAndRendered() throws Exception {
    Path video = TestMedia.firstHalf("retalking_face2.mp4");
    Path audio = TestMedia.audio("retalking_1.wav");
    try (LocalHttp host = new LocalHttp(video.getParent()); LocalHttp sounds = new LocalHttp(audio.getParent());
        TestServer server = TestServer.start(Map.of());
        Database db = Database.open(server.server.config())) {
      String key = server.keys.apiKey();
      Api.Answer identified = server.api.post("/v1/videos/identify-face", key,
          "{\"video_url\": \"" + host.url("/media/" + video.getFileName()) + "\"}");
      assertEquals(200, identified.status(), identified.message());
      Api.Answer created = server.api.post("/v1/videos/advanced-lip-sync", key, "{\"session_id\": \""
          + identified.data().path("session_id").asText() + "\", \"face_choose\": [{\"face_id\": \"0\", \"sound_file\": \""
          + sounds.url("/media/" + audio.getFileName()) + "\", \"sound_start_time\": 0, \"sound_end_time\": 2000,"
          + " \"sound_insert_time\": 0}]}");
      assertEquals(200, created.status(), created.message());
      String rendered = created.data().path("task_id").asText();
      assertEquals("succeed", await(server, key, rendered));

      String orphan = AccountStore.randomId();
      long now = System.currentTimeMillis();
      db.update("INSERT INTO tasks (id, account_id, kind, status, status_msg, progress, request_json, callback_url,"
          + " parent_video_json, attempts, created_at, updated_at, expires_at) SELECT ?, account_id, kind, 'submitted', '',"
          + " 0, request_json, callback_url, parent_video_json, 0, ?, ?, expires_at FROM tasks WHERE id = ?",
          orphan, now, now, rendered);
      TaskReconciler reconciler = server.server.reconciler().orElseThrow();
      assertEquals(0, reconciler.reconcile(now), "a task younger than the settle time may still be enqueued by its creator");
      long later = now + TaskReconciler.SETTLE_MS + 1000;
      assertEquals(1, reconciler.reconcile(later));
      assertEquals(0, reconciler.reconcile(later), "reconciling again makes no second job");
      assertEquals("succeed", await(server, key, orphan));
      assertEquals(List.of(1, 1), db.query("SELECT attempts FROM tasks WHERE id IN (?, ?)", rs -> rs.getInt(1),
          orphan, rendered), "each task rendered once: the one that had its job was not run again");
    }
  }

  private static String await(TestServer server, String key, String taskId) throws InterruptedException {
    return server.api.awaitFinal("/v1/videos/advanced-lip-sync/" + taskId, key, Duration.ofMinutes(1))
        .path("task_status").asText();
  }
}
