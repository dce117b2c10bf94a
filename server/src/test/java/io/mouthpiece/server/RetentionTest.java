package io.mouthpiece.server;

import static io.mouthpiece.server.ServerValidationTest.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.retention.RetentionSweep.Swept;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Sessions, tasks and files expire each after its own retention period, and the sweep really
 * deletes the files. The server's clock is moved forward past each period instead of waiting.
 */
class RetentionTest {
  private static final Duration SESSIONS = Duration.ofHours(24);
  private static final Duration RESULTS = Duration.ofDays(30);

  @Test
  void expiredSessionsTasksAndFilesAreGone() throws Exception {
    Path video = TestMedia.video("retalking_face2.mp4");
    TestClock clock = new TestClock();
    // Ten days ahead of the system clock from the start: anything dated or expired by the system
    // clock instead of the server's would be ten days off, and fail the checks either side of a period.
    clock.advanceTo(Instant.now().plus(Duration.ofDays(10)));
    try (LocalHttp host = new LocalHttp(video.getParent().getParent());
        TestServer server = TestServer.start(Map.of("retention.results", "30d", "retention.sessions", "24h"), clock)) {
      Instant first = clock.instant(); // nothing is dated before this
      String key = server.keys.apiKey();
      Api.Answer upload = server.api.upload("/v1/files", key, video);
      String fileUrl = upload.data().path("url").asText();
      Api.Answer identified = server.api.post("/v1/videos/identify-face", key,
          "{\"video_id\": \"" + upload.data().path("file_id").asText() + "\"}");
      assertEquals(200, identified.status(), identified.message());
      String cropUrl = identified.data().path("face_data").get(0).path("face_image").asText();
      String body = body(identified, "0", host);
      Api.Answer created = server.api.post("/v1/videos/advanced-lip-sync", key, body);
      assertEquals(200, created.status(), created.message());
      String taskPath = "/v1/videos/advanced-lip-sync/" + created.data().path("task_id").asText();
      JsonNode task = server.api.awaitFinal(taskPath, key, Duration.ofSeconds(30));
      assertEquals("failed", task.path("task_status").asText());
      Instant last = clock.instant(); // nothing is dated after this
      long stored = countFiles(server.dataDir);
      assertTrue(stored >= 2, "the upload and the crop are on disk");

      // A minute before the session's period ends, nothing has expired.
      clock.advanceTo(first.plus(SESSIONS).minusSeconds(60));
      assertEquals(new Swept(0, 0, 0, 0), server.server.retention().sweep());
      expect(server.api.post("/v1/videos/advanced-lip-sync", key, body(identified, "9", host)), 400, 1201,
          "face_choose[0].face_id: no face 9 in this video"); // the session is still accepted: only the face is wrong
      assertEquals(200, server.api.download(fileUrl, null).status());

      // Past it: the session is refused as expired, and the sweep deletes it, and only it.
      clock.advanceTo(last.plus(SESSIONS).plusSeconds(1));
      expect(server.api.post("/v1/videos/advanced-lip-sync", key, body), 400, 1201,
          "session_id: session expired (a session is valid for 24h after identify-face)");
      assertEquals(new Swept(1, 0, 0, 0), server.server.retention().sweep());
      expect(server.api.post("/v1/videos/advanced-lip-sync", key, body), 400, 1201, "session_id: no session");
      assertEquals(200, server.api.download(fileUrl, null).status(), "files are kept for the results' period");
      assertEquals(200, server.api.download(cropUrl, null).status());
      assertEquals(200, server.api.get(taskPath, key).status());

      // A minute before the results' period ends, the task and the files are still there.
      clock.advanceTo(first.plus(RESULTS).minusSeconds(60));
      assertEquals(new Swept(0, 0, 0, 0), server.server.retention().sweep());
      assertEquals(200, server.api.get(taskPath, key).status());

      // Past it: the task and every file are gone, from the index and from the disk.
      clock.advanceTo(last.plus(RESULTS).plusSeconds(1));
      expect(server.api.download(fileUrl, null), 404, 1203, "not found");
      assertEquals(new Swept(0, 1, (int) stored, 0), server.server.retention().sweep());
      expect(server.api.download(fileUrl, null), 404, 1203, "not found");
      expect(server.api.download(cropUrl, null), 404, 1203, "not found");
      expect(server.api.get(taskPath, key), 404, 1203, "not found");
      assertEquals(0, countFiles(server.dataDir), "every stored file deleted from disk");
    }
  }

  /** An advanced-lip-sync request for {@code faceId} of the session, with audio the host does not have. */
  private static String body(Api.Answer identified, String faceId, LocalHttp host) {
    return "{\"session_id\": \"" + identified.data().path("session_id").asText() + "\", \"face_choose\": [{"
        + "\"face_id\": \"" + faceId + "\", \"sound_file\": \"" + host.url("/media/audio/none.wav") + "\","
        + " \"sound_start_time\": 0, \"sound_end_time\": 3000, \"sound_insert_time\": 0}]}";
  }

  /** Stored files on disk, temp files aside. */
  private static long countFiles(Path dataDir) throws Exception {
    try (Stream<Path> files = Files.walk(dataDir.resolve("files"))) {
      return files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.tmp/")).count();
    }
  }
}
