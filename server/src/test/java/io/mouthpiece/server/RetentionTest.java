package io.mouthpiece.server;

import static io.mouthpiece.server.ServerValidationTest.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Sessions, tasks and files expire, and the sweep really deletes the files: retention shortened to seconds. */
class RetentionTest {
  @Test
  void expiredSessionsTasksAndFilesAreGone() throws Exception {
    Path video = TestMedia.video("retalking_face2.mp4");
    try (LocalHttp host = new LocalHttp(video.getParent().getParent());
        TestServer server = TestServer.start(Map.of("retention.results", "6s", "retention.sessions", "6s"))) {
      String key = server.keys.apiKey();
      Api.Answer upload = server.api.upload("/v1/files", key, video);
      String fileUrl = upload.data().path("url").asText();
      Api.Answer identified = server.api.post("/v1/videos/identify-face", key,
          "{\"video_id\": \"" + upload.data().path("file_id").asText() + "\"}");
      assertEquals(200, identified.status(), identified.message());
      String cropUrl = identified.data().path("face_data").get(0).path("face_image").asText();
      String body = "{\"session_id\": \"" + identified.data().path("session_id").asText() + "\", \"face_choose\": [{"
          + "\"face_id\": \"0\", \"sound_file\": \"" + host.url("/media/audio/none.wav") + "\", \"sound_start_time\": 0,"
          + " \"sound_end_time\": 3000, \"sound_insert_time\": 0}]}";
      Api.Answer created = server.api.post("/v1/videos/advanced-lip-sync", key, body);
      assertEquals(200, created.status(), created.message());
      String taskPath = "/v1/videos/advanced-lip-sync/" + created.data().path("task_id").asText();
      JsonNode task = server.api.awaitFinal(taskPath, key, Duration.ofSeconds(30));
      assertEquals("failed", task.path("task_status").asText());
      assertEquals(200, server.api.download(fileUrl, null).status());
      assertTrue(countFiles(server.dataDir) >= 2, "the upload and the crop are on disk");

      Thread.sleep(6500);
      expect(server.api.post("/v1/videos/advanced-lip-sync", key, body), 400, 1201, "session_id: session expired");
      server.server.retention().sweep(System.currentTimeMillis());
      expect(server.api.download(fileUrl, null), 404, 1203, "not found");
      expect(server.api.download(cropUrl, null), 404, 1203, "not found");
      expect(server.api.get(taskPath, key), 404, 1203, "not found");
      expect(server.api.post("/v1/videos/advanced-lip-sync", key, body), 400, 1201, "session_id: no session");
      assertEquals(0, countFiles(server.dataDir), "every stored file deleted from disk");
    }
  }

  /** Stored files on disk, temp files aside. */
  private static long countFiles(Path dataDir) throws Exception {
    try (Stream<Path> files = Files.walk(dataDir.resolve("files"))) {
      return files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.tmp/")).count();
    }
  }
}
