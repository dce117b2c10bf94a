package io.mouthpiece.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.config.ConfigLoader;
import io.mouthpiece.server.db.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Work queued by an older version still runs after the upgrade. */
class UpgradeTest {
  @Test
  void aRenderQueuedUnderTheOldClassNamesRunsAfterTheUpgrade() throws Exception {
    Path video = TestMedia.video("retalking_face2.mp4");
    Path dataDir = TestServer.newDataDir();
    String key;
    String taskId;
    try (LocalHttp host = new LocalHttp(video.getParent().getParent())) {
      host.slowMs = 60_000;
      // One worker, kept busy by a task whose audio takes a minute to come: the next task's job
      // waits in the database, queued, when this version stops, as at an upgrade.
      try (TestServer old = TestServer.start(dataDir, Map.of("jobs.workers", "1"))) {
        key = old.keys.apiKey();
        String videoId = old.api.upload("/v1/files", key, video).data().path("file_id").asText();
        String audioId = old.api.upload("/v1/files", key, TestMedia.audio("retalking_1.wav")).data().path("file_id").asText();
        String session = old.api.post("/v1/videos/identify-face", key, "{\"video_id\": \"" + videoId + "\"}")
            .data().path("session_id").asText();
        String piece = ", \"sound_start_time\": 0, \"sound_end_time\": 3000, \"sound_insert_time\": 0}]}";
        Api.Answer slow = old.api.post("/v1/videos/advanced-lip-sync", key, "{\"session_id\": \"" + session
            + "\", \"face_choose\": [{\"face_id\": \"0\", \"sound_file\": \"" + host.url("/slow/audio/retalking_1.wav") + "\"" + piece);
        assertEquals(200, slow.status(), slow.message());
        Api.Answer created = old.api.post("/v1/videos/advanced-lip-sync", key, "{\"session_id\": \"" + session
            + "\", \"face_choose\": [{\"face_id\": \"0\", \"audio_id\": \"" + audioId + "\"" + piece);
        assertEquals(200, created.status(), created.message());
        taskId = created.data().path("task_id").asText();
        assertEquals("submitted", old.api.get("/v1/videos/advanced-lip-sync/" + taskId, key).data().path("task_status").asText());
      }
    }
    // What the version before the move stored: the job under io.mouthpiece.server.task.RenderJob(Handler).
    try (Database db = Database.open(ConfigLoader.load(TestServer.settings(dataDir, Map.of()), null, Map.of()))) {
      int rewritten = db.update("UPDATE jobrunr_jobs SET jobAsJson = REPLACE(jobAsJson, 'server.task.work.', 'server.task.'),"
          + " jobSignature = REPLACE(jobSignature, 'server.task.work.', 'server.task.')");
      assertTrue(rewritten >= 1, "the queued render job was rewritten to the old names");
    }
    try (MouthpieceServer upgraded = MouthpieceServer.start(ConfigLoader.load(TestServer.settings(dataDir, Map.of()), null,
        Map.of()))) {
      JsonNode task = new Api(upgraded.baseUrl()).awaitFinal("/v1/videos/advanced-lip-sync/" + taskId, key, Duration.ofSeconds(90));
      assertEquals("succeed", task.path("task_status").asText(), task.toString());
    }
  }
}
