package io.mouthpiece.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.auth.AccountKeys;
import io.mouthpiece.server.config.ConfigLoader;
import io.mouthpiece.server.config.ServerConfig;
import io.mouthpiece.server.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A task caught by a crash runs again first after the restart and is finished once. The service
 * runs as a real process with one worker and is killed (SIGKILL) while the first of three tasks
 * renders, the other two queued behind it, then started again on the same data dir. The killed task
 * is back to submitted at progress 0 before anything can ask (not the dead run's progress), runs
 * again before the tasks accepted after it, within 30 s of the restart, and succeeds once; the
 * partial render the killed process left is deleted.
 */
class ServerRestartTest {
  private static final Duration RUNNING_AGAIN_WITHIN = Duration.ofSeconds(30);

  @Test
  void aTaskCaughtByACrashRunsAgainFirstAndIsFinishedOnce() throws Exception {
    Path video = TestMedia.video("retalking_face2.mp4");
    ServerProcess.Prepared prepared = ServerProcess.prepare("restart", "server.shutdown-grace=2s", "jobs.workers=1");
    Path dataDir = prepared.dataDir();
    ServerConfig config = ConfigLoader.load(Map.of("data-dir", dataDir.toString()), null, Map.of());
    AccountKeys keys = prepared.keys();
    String key = keys.apiKey();
    Api api = prepared.api();
    try (LocalHttp host = new LocalHttp(video.getParent().getParent())) {
      Process first = ServerProcess.launch(dataDir, "first.log");
      String taskId;
      List<String> queued = new ArrayList<>();
      int killedAtPercent;
      try {
        api.awaitHealthy(first, Duration.ofSeconds(60));
        Api.Answer identified = api.post("/v1/videos/identify-face", key,
            "{\"video_url\": \"" + host.url("/media/video/retalking_face2.mp4") + "\"}");
        assertEquals(200, identified.status(), identified.message());
        String session = identified.data().path("session_id").asText();
        taskId = create(api, key, session, host.url("/media/audio/retalking_2.wav"), host);
        // Accepted after it, so queued behind it. Their audio link is dead: when they run they fail
        // at once, so the test does not wait for their renders; when they run is what it checks.
        for (int i = 0; i < 2; i++) {
          queued.add(create(api, key, session, host.url("/media/audio/gone.wav"), host));
        }
        killedAtPercent = api.awaitRendering("/v1/videos/advanced-lip-sync/" + taskId, key, Duration.ofSeconds(60));
        for (String id : queued) {
          assertEquals("submitted", task(api, key, id).path("task_status").asText(), "queued behind the first");
        }
      } finally {
        first.destroyForcibly().waitFor();
      }
      int calledBackBeforeRestart = host.callbacks.size();
      List<String> leftByTheKill = TestServer.tempFiles(dataDir);
      assertFalse(leftByTheKill.isEmpty(), "the killed render left its partial file");

      long restartNs = System.nanoTime();
      Process second = ServerProcess.launch(dataDir, "second.log");
      try {
        JsonNode firstSeen = firstAnswer(api, key, taskId, second);
        System.out.println("restart: first answer " + firstSeen.path("task_status").asText() + " "
            + firstSeen.path("task_progress").asInt() + " (killed at " + killedAtPercent + " %)");
        assertTrue(isBackInLine(firstSeen) || isRunningAgain(firstSeen, killedAtPercent),
            "the first answer after the restart: back to submitted at 0 (or already running again), not the dead run's "
                + killedAtPercent + " %: " + firstSeen);
        api.awaitHealthy(second, Duration.ofSeconds(60));
        List<String> stillThere = new ArrayList<>(TestServer.tempFiles(dataDir));
        stillThere.retainAll(leftByTheKill);
        assertEquals(List.of(), stillThere, "the start deleted what the killed process left in the temp folder");

        awaitRunningFirst(api, key, taskId, queued, restartNs);
        // Callbacks go out in the background: the API can say processing before its callback lands.
        long callbackDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<JsonNode> afterRestart = host.callbackBodies().subList(calledBackBeforeRestart, host.callbacks.size());
        while (afterRestart.stream().noneMatch(c -> c.path("task_status").asText().equals("processing"))
            && System.nanoTime() < callbackDeadline) {
          Thread.sleep(50);
          afterRestart = host.callbackBodies().subList(calledBackBeforeRestart, host.callbacks.size());
        }
        JsonNode reset = afterRestart.stream().filter(c -> c.path("task_id").asText().equals(taskId)).findFirst()
            .orElseThrow(() -> new AssertionError("no callback for the killed task after the restart"));
        assertTrue(isBackInLine(reset), "the restart's first word on the killed task: submitted at 0, " + reset);
        JsonNode firstRun = afterRestart.stream().filter(c -> c.path("task_status").asText().equals("processing"))
            .findFirst().orElseThrow();
        assertEquals(taskId, firstRun.path("task_id").asText(), "the first task to run after the restart is the killed one");

        JsonNode task = api.awaitFinal("/v1/videos/advanced-lip-sync/" + taskId, key, Duration.ofMinutes(4));
        assertEquals("succeed", task.path("task_status").asText(), task.toString());
        assertEquals(1, task.path("task_result").path("videos").size());
        Api.Answer part = api.download(task.path("task_result").path("videos").get(0).path("url").asText(), "bytes=0-99");
        assertEquals(206, part.status(), "a Range request gets its part");
        assertEquals(100, part.bytes().length);
        for (String id : queued) {
          JsonNode q = api.awaitFinal("/v1/videos/advanced-lip-sync/" + id, key, Duration.ofMinutes(1));
          assertEquals("failed", q.path("task_status").asText(), "its audio link is dead: " + q);
        }
        host.awaitSucceedCallbacks(List.of(taskId), Duration.ofSeconds(30));
        assertEquals(List.of("submitted", "processing", "submitted", "processing", "succeed"), host.statusesCalledBack(taskId),
            "each change called back: accepted, run, back in line after the crash, run again, succeed once");
      } finally {
        second.destroy(); // SIGTERM: the graceful path
        second.waitFor();
      }
      try (Database db = Database.open(config)) {
        assertEquals(2, db.queryOne("SELECT attempts FROM tasks WHERE id = ?", rs -> rs.getInt(1), taskId).orElseThrow(),
            "run, killed, run again");
        assertEquals(1, db.queryOne("SELECT COUNT(*) FROM stored_files WHERE id = ?", rs -> rs.getInt(1), "r" + taskId)
            .orElseThrow(), "one result");
        List<String> recorded = db.query("SELECT storage_key FROM stored_files ORDER BY storage_key", rs -> rs.getString(1));
        // Other stored files (fetched inputs, the crop) have random ids, some starting with 'r' too:
        // compare the whole directory with the index instead of guessing results by name.
        Path files = dataDir.resolve("files");
        try (var walk = Files.walk(files.resolve(keys.accountId()))) {
          assertEquals(recorded, walk.filter(Files::isRegularFile).map(p -> files.relativize(p).toString()).sorted().toList(),
              "exactly the recorded files: one result, no second one");
        }
      }
    }
    assertEquals(List.of(), TestServer.tempFiles(dataDir), "nothing left in the temp folder");
  }

  /**
   * A create answered 200 is on disk: the process killed the moment the last answer arrives, the
   * next start still has every task. (The embedded database wrote commits out up to seconds late.)
   */
  @Test
  void everyAnsweredCreateSurvivesAKillAtOnce() throws Exception {
    Path video = TestMedia.video("retalking_face2.mp4");
    ServerProcess.Prepared prepared = ServerProcess.prepare("kill", "jobs.workers=1");
    Path dataDir = prepared.dataDir();
    AccountKeys keys = prepared.keys();
    Api api = prepared.api();
    List<String> answered = new ArrayList<>();
    try (LocalHttp host = new LocalHttp(video.getParent().getParent())) {
      Process first = ServerProcess.launch(dataDir, "first.log");
      try {
        api.awaitHealthy(first, Duration.ofSeconds(60));
        String session = api.post("/v1/videos/identify-face", keys.apiKey(),
            "{\"video_url\": \"" + host.url("/media/video/retalking_face2.mp4") + "\"}").data().path("session_id").asText();
        for (int i = 0; i < 8; i++) {
          answered.add(create(api, keys.apiKey(), session, host.url("/media/audio/gone.wav"), host));
        }
      } finally {
        first.destroyForcibly().waitFor();
      }
      Process second = ServerProcess.launch(dataDir, "second.log");
      try {
        api.awaitHealthy(second, Duration.ofSeconds(60));
        for (String id : answered) {
          assertEquals(200, api.get("/v1/videos/advanced-lip-sync/" + id, keys.apiKey()).status(), "task " + id + " lost");
        }
      } finally {
        second.destroyForcibly().waitFor();
      }
    }
  }

  /** Creates a lip-sync of face 0 with 4 s of {@code soundUrl}, calling back to the host; its task id. */
  private static String create(Api api, String key, String session, String soundUrl, LocalHttp host) {
    Api.Answer created = api.post("/v1/videos/advanced-lip-sync", key, "{\"session_id\": \"" + session
        + "\", \"face_choose\": [{\"face_id\": \"0\", \"sound_file\": \"" + soundUrl + "\", \"sound_start_time\": 0,"
        + " \"sound_end_time\": 4000, \"sound_insert_time\": 0}], \"callback_url\": \"" + host.url("/callback") + "\"}");
    assertEquals(200, created.status(), created.message());
    return created.data().path("task_id").asText();
  }

  private static JsonNode task(Api api, String key, String taskId) {
    return api.get("/v1/videos/advanced-lip-sync/" + taskId, key).data();
  }

  private static boolean isBackInLine(JsonNode task) {
    return task.path("task_status").asText().equals("submitted") && task.path("task_progress").asInt(-1) == 0;
  }

  /** Processing again, at a progress below where the dead run was: a new run, not the dead one's figure. */
  private static boolean isRunningAgain(JsonNode task, int killedAtPercent) {
    return task.path("task_status").asText().equals("processing") && task.path("task_progress").asInt() < killedAtPercent;
  }


  /** The task as the restarted service first shows it: asked as soon as it answers at all. */
  private static JsonNode firstAnswer(Api api, String key, String taskId, Process server) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      assertTrue(server.isAlive(), "the restarted server died");
      try {
        Api.Answer a = api.get("/v1/videos/advanced-lip-sync/" + taskId, key);
        if (a.status() == 200) {
          return a.data();
        }
      } catch (RuntimeException notListeningYet) {
        // connection refused: not listening yet
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the restarted service did not answer within 60 s");
  }

  /**
   * Waits for the killed task to run again, within {@link #RUNNING_AGAIN_WITHIN} of the restart;
   * every time it is looked at until then, the tasks queued behind it must not have run yet.
   */
  private static void awaitRunningFirst(Api api, String key, String taskId, List<String> queued, long restartNs)
      throws Exception {
    long deadline = restartNs + RUNNING_AGAIN_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      String status = task(api, key, taskId).path("task_status").asText();
      for (String id : queued) {
        assertEquals("submitted", task(api, key, id).path("task_status").asText(),
            "a task accepted later ran before the killed one");
      }
      if (!status.equals("submitted")) {
        System.out.printf("restart: the killed task was running again %.1f s after the restart%n",
            (System.nanoTime() - restartNs) / 1e9);
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the killed task was not running again " + RUNNING_AGAIN_WITHIN.toSeconds()
        + " s after the restart");
  }
}
