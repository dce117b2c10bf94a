package io.mouthpiece.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.auth.AccountKeys;
import io.mouthpiece.server.auth.AccountStore;
import io.mouthpiece.server.config.ConfigLoader;
import io.mouthpiece.server.config.ServerConfig;
import io.mouthpiece.server.db.Database;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A task accepted before a crash is finished after the restart, once: the service runs as a real
 * process, is killed (SIGKILL) while the task renders, and started again on the same data dir,
 * which deletes the partial render the killed one left.
 */
class ServerRestartTest {
  @Test
  void aTaskCaughtByACrashIsFinishedOnceAfterTheRestart() throws Exception {
    Path video = TestMedia.video("retalking_face2.mp4");
    Path dataDir = TestServer.newDataDir();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.writeString(dataDir.resolve("mouthpiece.properties"),
        "server.port=" + port + "\nfetch.allow-private-addresses=true\nserver.shutdown-grace=2s\n");
    ServerConfig config = ConfigLoader.load(Map.of("data-dir", dataDir.toString()), null, Map.of());
    AccountKeys keys;
    try (Database db = Database.open(config)) { // what `mouthpiece accounts create` does
      keys = new AccountStore(db).create("restart");
    }
    Api api = new Api("http://127.0.0.1:" + port);
    try (LocalHttp host = new LocalHttp(video.getParent().getParent())) {
      Process first = ServerProcess.launch(dataDir, "first.log");
      String taskId;
      try {
        api.awaitHealthy(first, Duration.ofSeconds(60));
        Api.Answer identified = api.post("/v1/videos/identify-face", keys.apiKey(),
            "{\"video_url\": \"" + host.url("/media/video/retalking_face2.mp4") + "\"}");
        assertEquals(200, identified.status(), identified.message());
        Api.Answer created = api.post("/v1/videos/advanced-lip-sync", keys.apiKey(), "{\"session_id\": \""
            + identified.data().path("session_id").asText() + "\", \"face_choose\": [{\"face_id\": \"0\", \"sound_file\": \""
            + host.url("/media/audio/retalking_2.wav") + "\", \"sound_start_time\": 0, \"sound_end_time\": 4000,"
            + " \"sound_insert_time\": 0}], \"callback_url\": \"" + host.url("/callback") + "\"}");
        assertEquals(200, created.status(), created.message());
        taskId = created.data().path("task_id").asText();
        awaitRendering(api, keys.apiKey(), taskId);
      } finally {
        first.destroyForcibly().waitFor();
      }
      List<String> leftByTheKill = TestServer.tempFiles(dataDir);
      assertFalse(leftByTheKill.isEmpty(), "the killed render left its partial file");
      Process second = ServerProcess.launch(dataDir, "second.log");
      try {
        api.awaitHealthy(second, Duration.ofSeconds(60));
        List<String> stillThere = new ArrayList<>(TestServer.tempFiles(dataDir));
        stillThere.retainAll(leftByTheKill);
        assertEquals(List.of(), stillThere, "the start deleted what the killed process left in the temp folder");
        JsonNode task = api.awaitFinal("/v1/videos/advanced-lip-sync/" + taskId, keys.apiKey(), Duration.ofMinutes(4));
        assertEquals("succeed", task.path("task_status").asText(), task.toString());
        assertEquals(1, task.path("task_result").path("videos").size());
        Api.Answer part = api.download(task.path("task_result").path("videos").get(0).path("url").asText(), "bytes=0-99");
        assertEquals(206, part.status(), "a Range request gets its part");
        assertEquals(100, part.bytes().length);
        host.awaitSucceedCallbacks(List.of(taskId), Duration.ofSeconds(30));
        List<String> statuses = host.statusesCalledBack(taskId);
        assertEquals(List.of("submitted", "processing", "succeed"), statuses, "one change each, succeed once");
      } finally {
        second.destroy(); // SIGTERM: the graceful path
        second.waitFor();
      }
    }
    assertEquals(List.of(), TestServer.tempFiles(dataDir), "nothing left in the temp folder");
    List<String> recorded;
    try (Database db = Database.open(config)) {
      assertEquals(2, db.queryOne("SELECT attempts FROM tasks", rs -> rs.getInt(1)).orElseThrow(), "run, killed, run again");
      assertEquals(1, db.queryOne("SELECT COUNT(*) FROM stored_files f JOIN tasks t ON f.id = CONCAT('r', t.id)",
          rs -> rs.getInt(1)).orElseThrow(), "one result");
      recorded = db.query("SELECT storage_key FROM stored_files ORDER BY storage_key", rs -> rs.getString(1));
    }
    // Other stored files (fetched inputs, the crop) have random ids, some starting with 'r' too:
    // compare the whole directory with the index instead of guessing results by name.
    Path files = dataDir.resolve("files");
    try (var walk = Files.walk(files.resolve(keys.accountId()))) {
      assertEquals(recorded, walk.filter(Files::isRegularFile).map(p -> files.relativize(p).toString()).sorted().toList(),
          "exactly the recorded files: one result, no second one");
    }
  }

  /** Waits until the task is processing and the lip-sync has visibly started. */
  private static void awaitRendering(Api api, String key, String taskId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode t = api.get("/v1/videos/advanced-lip-sync/" + taskId, key).data();
      if (t.path("task_status").asText().equals("processing") && t.path("task_progress").asInt() >= 10) {
        return;
      }
      assertTrue(!t.path("task_status").asText().equals("succeed"), "finished before it could be killed");
      Thread.sleep(100);
    }
    throw new AssertionError("the task did not start rendering within 60 s");
  }
}
