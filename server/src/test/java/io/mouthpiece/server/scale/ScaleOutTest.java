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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost when the service is scaled out: one API process and worker processes share a
 * real PostgreSQL and a real S3 server. 20 lip-sync tasks are submitted; the first is a long clip
 * (20 s of 720p, rendering for well over 10 s) so that killing its worker with SIGKILL surely
 * catches it mid-render, the other 19 are short (2.5 s). Every task ends succeed with exactly one
 * result (one row, one object), downloadable (with ranges) through the API process; every status
 * is called back exactly once, in order; only the killed task runs twice, taken up by the other
 * worker within a bounded delay. Then shutdown, both ways, on one more long task: the surviving
 * worker is stopped (SIGTERM) while it renders it, with a 1 s grace that the render far outlasts,
 * so it hands the task back and exits; a new worker with a long grace takes the task up and is
 * stopped while it renders: it drains, finishing the task before it exits. After retention the
 * bucket holds no object at all.
 */
class ScaleOutTest {
  static final int TASKS = 20;
  static final String TASK_PATH = "/v1/videos/advanced-lip-sync/";

  @Test
  void twentyTasksOneWorkerKilledThenStoppedWorkersHandBackAndDrain() throws Exception {
    Path shortClip = TestMedia.firstHalf("retalking_face2.mp4"); // 2.5 s, 844x844
    Path longClip = TestMedia.oneFace720p("retalking_face2.mp4", 20);
    Path audio = TestMedia.audio("retalking_1.wav");
    try (LocalHttp receiver = new LocalHttp(audio.getParent()); Cluster cluster = Cluster.start(Map.of());
        Database db = Database.open(cluster.config())) {
      Api api = cluster.api;
      String key = cluster.keys.apiKey();
      String audioId = upload(api, key, audio);
      String longSession = session(api, key, longClip);
      String shortSession = session(api, key, shortClip);

      // Worker 0 alone takes the long task; worker 1 comes up and the short ones are queued; then
      // worker 0 is killed while it still renders the long task.
      cluster.addWorker();
      List<String> ids = new ArrayList<>(List.of(create(api, key, longSession, audioId, receiver, 0)));
      String killed = ids.get(0);
      awaitStarted(api, key, receiver, killed);
      long startedAtNs = System.nanoTime();
      cluster.addWorker(Map.of("server.shutdown-grace", "1s")); // stopped later, mid-render: see below
      for (int i = 1; i < TASKS; i++) {
        ids.add(create(api, key, shortSession, audioId, receiver, i));
      }
      assertEquals("processing", status(api, key, killed), "the long task still renders when its worker is killed");
      long killedAtNs = System.nanoTime();
      cluster.worker(0).destroyForcibly().waitFor(); // SIGKILL
      System.out.println("scale-out: worker 0 killed " + (killedAtNs - startedAtNs) / 1_000_000
          + " ms into the long task (a 20 s 720p clip)");
      awaitAttempt(db, killed, 2, Duration.ofSeconds(150));
      System.out.println("scale-out: the killed worker's task was started again "
          + (System.nanoTime() - killedAtNs) / 1_000_000 + " ms after the kill");
      checkSucceededOnce(api, key, ids);
      assertEquals(List.of(killed), db.query("SELECT id FROM tasks WHERE attempts <> 1", rs -> rs.getString(1)),
          "the killed task ran twice, every other task once");

      // Worker 1, the only one left, renders the late task when it is stopped: its 1 s grace runs
      // out, so the task is handed back unfinished.
      String late = create(api, key, longSession, audioId, receiver, TASKS);
      ids.add(late);
      awaitStarted(api, key, receiver, late);
      long stoppedAtNs = System.nanoTime();
      stop(cluster.worker(1), Duration.ofSeconds(30));
      assertEquals("processing/1", attempt(db, late), "handed back unfinished: the render outlasts the grace");

      // A worker with a grace longer than the render takes it up, and is stopped while it renders.
      Process draining = cluster.addWorker(Map.of("server.shutdown-grace", "120s"));
      awaitAttempt(db, late, 2, Duration.ofSeconds(90));
      System.out.println("scale-out: the handed-back task was started again "
          + (System.nanoTime() - stoppedAtNs) / 1_000_000 + " ms after SIGTERM");
      stop(draining, Duration.ofSeconds(150));
      assertEquals("succeed/2", attempt(db, late), "drained: finished by the stopped worker before it exited");
      checkSucceededOnce(api, key, List.of(late));

      checkCallbacks(receiver, ids);
      checkStorage(cluster, db, ids.size());
    }
  }

  /**
   * One result row and one object per task, one analysis per video, nothing unnamed in the bucket,
   * nothing left after retention.
   */
  private static void checkStorage(Cluster cluster, Database db, int tasks) throws Exception {
    assertEquals(tasks, db.queryOne("SELECT COUNT(*) FROM stored_files f JOIN tasks t ON f.id = CONCAT('r', t.id)",
        rs -> rs.getInt(1)).orElseThrow(), "one result row per task");
    assertEquals(tasks + 5, db.queryOne("SELECT COUNT(*) FROM stored_files WHERE kind <> 'analysis'", rs -> rs.getInt(1))
        .orElseThrow(), "the results, the three uploads and the two face crops: nothing else");
    // Two workers that start on a new video at once may both analyse it and both record the entry:
    // two rows naming one whole object, which is correct; what counts is one entry per video.
    assertEquals(2, db.queryOne("SELECT COUNT(DISTINCT storage_key) FROM stored_files WHERE kind = 'analysis'",
        rs -> rs.getInt(1)).orElseThrow(), "and the analysis of each of the two videos, kept for its next task");
    List<String> recorded = db.query("SELECT DISTINCT storage_key FROM stored_files", rs -> rs.getString(1)).stream()
        .sorted().toList();
    assertEquals(recorded, cluster.s3.keys(Cluster.BUCKET), "no object in the bucket that no row names");

    RetentionSweep retention = new RetentionSweep(new SqlTaskStore(db, Clock.systemUTC()), new SessionStore(db),
        new FileIndex(db), FileStore.open(cluster.config()), Clock.systemUTC());
    RetentionSweep.Swept swept = retention.sweep(System.currentTimeMillis() + Duration.ofDays(31).toMillis());
    assertEquals(tasks, swept.tasks());
    assertEquals(List.of(), cluster.s3.keys(Cluster.BUCKET), "after retention the bucket is empty");
  }

  /** Every status of every task called back exactly once, in order, whichever process sent it. */
  private static void checkCallbacks(LocalHttp receiver, List<String> ids) throws InterruptedException {
    receiver.awaitSucceedCallbacks(ids, Duration.ofSeconds(60));
    for (String id : ids) {
      assertEquals(List.of("submitted", "processing", "succeed"), receiver.statusesCalledBack(id),
          "each status called back once: " + id);
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
      JsonNode task = api.awaitFinal(TASK_PATH + id, key, Duration.ofMinutes(4));
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

  /** Uploads a video and finds its faces: the session tasks are made from. */
  private static String session(Api api, String key, Path video) throws Exception {
    Api.Answer identified = api.post("/v1/videos/identify-face", key, "{\"video_id\": \"" + upload(api, key, video) + "\"}");
    assertEquals(200, identified.status(), identified.message());
    return identified.data().path("session_id").asText();
  }

  private static String status(Api api, String key, String id) {
    return api.get(TASK_PATH + id, key).data().path("task_status").asText();
  }

  /** The task's status and how many times a worker started it, e.g. "processing/1". */
  private static String attempt(Database db, String id) {
    return db.queryOne("SELECT status, attempts FROM tasks WHERE id = ?", rs -> rs.getString(1) + "/" + rs.getInt(2), id)
        .orElseThrow();
  }

  /**
   * Waits until a worker runs the task and its processing callback has been received, so that a
   * worker killed from now on has said "processing" already.
   */
  private static void awaitStarted(Api api, String key, LocalHttp receiver, String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!(status(api, key, id).equals("processing") && receiver.statusesCalledBack(id).contains("processing"))) {
      assertTrue(System.nanoTime() < deadline, "task " + id + " did not start within 90 s");
      Thread.sleep(100);
    }
  }

  /** Waits until a worker has started the task's {@code attempt}-th run. */
  private static void awaitAttempt(Database db, String id, int attempt, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!attempt(db, id).equals("processing/" + attempt)) {
      assertTrue(System.nanoTime() < deadline, "task " + id + " not started a " + attempt + "th time within " + within
          + " (now " + attempt(db, id) + "); jobs by state: "
          + db.query("SELECT state, COUNT(*) FROM jobrunr_jobs GROUP BY state", rs -> rs.getString(1) + "=" + rs.getInt(2)));
      Thread.sleep(200);
    }
  }

  /** SIGTERM, then the process must have exited within {@code within}. */
  private static void stop(Process worker, Duration within) throws InterruptedException {
    worker.destroy();
    assertTrue(worker.waitFor(within.toMillis(), TimeUnit.MILLISECONDS), "a stopped worker exits within " + within);
  }
}
