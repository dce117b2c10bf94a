package io.mouthpiece.server.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.Api;
import io.mouthpiece.server.LocalHttp;
import io.mouthpiece.server.db.Database;
import io.mouthpiece.server.identify.SessionStore;
import io.mouthpiece.server.retention.RetentionSweep;
import io.mouthpiece.server.store.FileIndex;
import io.mouthpiece.server.store.FileStore;
import io.mouthpiece.server.task.SqlTaskStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost when the service is scaled out: one API process and two worker processes share
 * a real PostgreSQL and a real S3 server; 20 lip-sync tasks (2.5 s clips) are submitted and one
 * worker is killed with SIGKILL while it renders. Every task ends succeed with exactly one result
 * (one row, one object), downloadable (with ranges) through the API process; every status is
 * called back exactly once, in order; the killed worker's task is run again by the other worker
 * within a bounded delay. Then the surviving worker is stopped with SIGTERM while it renders one
 * more task: it exits within its grace, the task either finished (drained) or handed back and
 * finished by a new worker. After retention the bucket holds no object at all.
 */
class ScaleOutTest {
  static final int TASKS = 20;

  @Test
  void twentyTasksTwoWorkersOneKilled() throws Exception {
    Path clip = TestMedia.firstHalf("retalking_face2.mp4"); // 2.5 s, 844x844
    Path audio = TestMedia.sharedAudio("retalking_1.wav");
    try (LocalHttp receiver = new LocalHttp(audio.getParent()); Cluster cluster = Cluster.start(Map.of())) {
      cluster.addWorker();
      cluster.addWorker();
      Api api = cluster.api;
      String key = cluster.keys.apiKey();
      String videoId = upload(api, key, clip);
      String audioId = upload(api, key, audio);
      Api.Answer identified = api.post("/v1/videos/identify-face", key, "{\"video_id\": \"" + videoId + "\"}");
      assertEquals(200, identified.status(), identified.message());
      String session = identified.data().path("session_id").asText();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < TASKS; i++) {
        ids.add(create(api, key, session, audioId, receiver, i));
      }

      awaitRendering(api, key, ids, 2);
      long killedAtNs = System.nanoTime();
      cluster.worker(0).destroyForcibly().waitFor(); // SIGKILL while it renders
      long pickupMs;
      try (Database db = Database.open(cluster.config())) {
        while (db.queryOne("SELECT COUNT(*) FROM tasks WHERE attempts = 2", rs -> rs.getInt(1)).orElse(0) == 0) {
          assertTrue(System.nanoTime() - killedAtNs < Duration.ofSeconds(150).toNanos(),
              "the killed worker's task was not taken up again within 150 s; jobs by state: "
                  + db.query("SELECT state, COUNT(*) FROM jobrunr_jobs GROUP BY state", rs -> rs.getString(1) + "=" + rs.getInt(2))
                  + ", job servers: " + db.query("SELECT id, firstHeartbeat, lastHeartbeat, running FROM jobrunr_backgroundjobservers",
                      rs -> rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3) + "/" + rs.getString(4))
                  + ", now " + java.time.Instant.now());
          Thread.sleep(200);
        }
        pickupMs = (System.nanoTime() - killedAtNs) / 1_000_000;
      }
      System.out.println("scale-out: the killed worker's task was started again " + pickupMs + " ms after the kill");

      checkSucceededOnce(api, key, ids);
      Thread.sleep(2000); // the last callbacks' deliveries
      for (String id : ids) {
        List<String> statuses = receiver.callbacks.stream().map(LocalHttp.Received::body).filter(b -> b.contains(id))
            .map(b -> b.replaceAll(".*\"task_status\":\"([a-z]+)\".*", "$1")).toList();
        assertEquals(List.of("submitted", "processing", "succeed"), statuses, "each status called back once: " + id);
      }
      try (Database db = Database.open(cluster.config())) {
        assertEquals(List.of(1, 2), db.query("SELECT DISTINCT attempts FROM tasks ORDER BY attempts", rs -> rs.getInt(1)),
            "the killed task ran twice, the others once");
        assertEquals(1, db.queryOne("SELECT COUNT(*) FROM tasks WHERE attempts = 2", rs -> rs.getInt(1)).orElseThrow(),
            "a worker renders one task at a time: one task was caught by the kill");
      }

      // Worker 1 is the only one left, so the late task renders there; SIGTERM gives it the grace
      // (2 s) to finish, else hands the task back; a new worker then finishes whatever came back.
      List<String> late = List.of(create(api, key, session, audioId, receiver, TASKS));
      awaitRendering(api, key, late, 1);
      Process stopped = cluster.worker(1);
      stopped.destroy();
      assertTrue(stopped.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "a stopped worker exits within its grace");
      cluster.addWorker();
      checkSucceededOnce(api, key, late);
      int total = TASKS + late.size();

      try (Database db = Database.open(cluster.config())) {
        assertEquals(total, db.queryOne("SELECT COUNT(*) FROM stored_files f JOIN tasks t ON f.id = CONCAT('r', t.id)",
            rs -> rs.getInt(1)).orElseThrow(), "one result row per task");
        assertEquals(total + 3, db.queryOne("SELECT COUNT(*) FROM stored_files", rs -> rs.getInt(1)).orElseThrow(),
            "the results, the two uploads and the face crop: nothing else");
        List<String> recorded = db.query("SELECT storage_key FROM stored_files", rs -> rs.getString(1))
            .stream().sorted().toList();
        assertEquals(recorded, cluster.s3.keys(Cluster.BUCKET), "no object in the bucket that no row names");

        FileStore store = FileStore.open(cluster.config());
        RetentionSweep retention = new RetentionSweep(new SqlTaskStore(db), new SessionStore(db), new FileIndex(db), store);
        RetentionSweep.Swept swept = retention.sweep(System.currentTimeMillis() + Duration.ofDays(31).toMillis());
        assertEquals(total, swept.tasks());
        assertEquals(List.of(), cluster.s3.keys(Cluster.BUCKET), "after retention the bucket is empty");
      }
    }
  }

  private static String create(Api api, String key, String session, String audioId, LocalHttp receiver, int i) {
    Api.Answer created = api.post("/v1/videos/advanced-lip-sync", key, "{\"session_id\": \"" + session
        + "\", \"face_choose\": [{\"face_id\": \"0\", \"audio_id\": \"" + audioId + "\", \"sound_start_time\": "
        + (i * 100) + ", \"sound_end_time\": " + (2000 + i * 100) + ", \"sound_insert_time\": 0}],"
        + " \"callback_url\": \"" + receiver.url("/callback") + "\", \"external_task_id\": \"scale-" + i + "\"}");
    assertEquals(200, created.status(), created.message());
    return created.data().path("task_id").asText();
  }

  /** Each task ends succeed with one result, downloadable whole and by range through the API process. */
  private static void checkSucceededOnce(Api api, String key, List<String> ids) throws InterruptedException {
    for (String id : ids) {
      JsonNode task = api.awaitFinal("/v1/videos/advanced-lip-sync/" + id, key, Duration.ofMinutes(4));
      assertEquals("succeed", task.path("task_status").asText(), task.toString());
      JsonNode videos = task.path("task_result").path("videos");
      assertEquals(1, videos.size(), "one result: " + task);
      String url = videos.get(0).path("url").asText();
      assertTrue(url.startsWith(api.base()), "served through the API node: " + url);
      Api.Answer whole = api.download(url, null);
      assertEquals(200, whole.status());
      assertTrue(whole.bytes().length > 10_000, "an mp4");
      Api.Answer tail = api.download(url, "bytes=-1000");
      assertEquals(206, tail.status());
      assertEquals(1000, tail.bytes().length);
    }
  }

  private static String upload(Api api, String key, Path file) throws Exception {
    Api.Answer a = api.upload("/v1/files", key, file);
    assertEquals(200, a.status(), a.message());
    return a.data().path("file_id").asText();
  }

  /**
   * Waits until {@code count} tasks render at once, each visibly into its lip-sync (so its
   * processing callback, sent as it starts, has gone out).
   */
  private static void awaitRendering(Api api, String key, List<String> ids, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      int processing = 0;
      int minProgress = 100;
      for (String id : ids) {
        JsonNode t = api.get("/v1/videos/advanced-lip-sync/" + id, key).data();
        if (t.path("task_status").asText().equals("processing")) {
          processing++;
          minProgress = Math.min(minProgress, t.path("task_progress").asInt());
        }
      }
      if (processing == count && minProgress >= 10) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(count + " task(s) did not render at once within 90 s");
  }
}
