package io.mouthpiece.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * [ours] face_choose[].sync_mode over real HTTP: an unknown mode and a remap too slow are refused
 * at create with 1201 naming the field; a loop renders a result longer than its source, and the
 * task says both durations.
 */
class SyncModeServerTest {
  static LocalHttp host;
  static TestServer server;
  static String key;
  static String sessionId;
  static String audioId;

  @BeforeAll
  static void start() throws Exception {
    Path video = TestMedia.video("retalking_face2.mp4"); // 5.0 s
    host = new LocalHttp(video.getParent().getParent());
    server = TestServer.start(Map.of());
    key = server.keys.apiKey();
    sessionId = server.api.identifiedAt(key, host.url("/media/video/retalking_face2.mp4")).path("session_id").asText();
    JsonNode audio = server.api.uploaded(key, TestMedia.audio("retalking_1.wav")); // 5.0 s
    assertEquals("audio", audio.path("kind").asText());
    audioId = audio.path("file_id").asText();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (host != null) {
      host.close();
    }
  }

  /** A create body: the whole audio (5000 ms) placed at {@code insertMs}, with {@code mode} as given (raw JSON, or null for none). */
  private static Api.Answer create(long insertMs, String mode, String externalId) {
    String body = "{\"session_id\": \"" + sessionId + "\", \"face_choose\": [{\"face_id\": \"0\", \"audio_id\": \"" + audioId
        + "\", \"sound_start_time\": 0, \"sound_end_time\": 5000, \"sound_insert_time\": " + insertMs
        + (mode == null ? "" : ", \"sync_mode\": " + mode) + "}]"
        + (externalId == null ? "" : ", \"external_task_id\": \"" + externalId + "\"") + "}";
    return server.api.post("/v1/videos/advanced-lip-sync", key, body);
  }

  private static void refused(Api.Answer a, String message) {
    assertEquals(400, a.status(), a.json()::toString);
    assertEquals(1201, a.code(), a.json()::toString);
    assertEquals(message, a.message());
  }

  @Test
  void anUnknownModeIsRefusedNamingTheFieldAndTheModes() {
    refused(create(0, "\"wobble\"", null),
        "face_choose[0].sync_mode: must be one of cut_off, trim, loop, bounce, remap (got 'wobble')");
    refused(create(0, "\"LOOP\"", null),
        "face_choose[0].sync_mode: must be one of cut_off, trim, loop, bounce, remap (got 'LOOP')");
    assertEquals(400, create(0, "7", null).status(), "a number is no mode");
  }

  @Test
  void cutOffIsTheDefaultAndRefusesAPiecePastTheEndAsKlingDoes() {
    String pastTheEnd = "face_choose[0].sound_insert_time: the piece must lie inside the video: inserted at 2000 ms and"
        + " 5000 ms long it ends at 7000 ms, after the video's end at 5000 ms";
    refused(create(2000, null, null), pastTheEnd);
    refused(create(2000, "\"\"", null), pastTheEnd); // "" is none, as Kling clients send empty fields
    refused(create(2000, "\"cut_off\"", null), pastTheEnd);
  }

  @Test
  void remapBeyondOneAndAHalfTimesIsRefusedWithTheNumbers() {
    refused(create(3000, "\"remap\"", null), "face_choose[0].sync_mode: remap slows the video at most 1.5 times: the piece"
        + " ends at 8000 ms, which needs the video's 5000 ms slowed 1.60 times; shorten the piece or choose loop, bounce"
        + " or trim");
  }

  @Test
  void aLoopedTaskIsLongerThanItsSourceAndSaysSo() throws Exception {
    Api.Answer created = create(2000, "\"loop\"", "looped");
    assertEquals(200, created.status(), created.message());
    JsonNode task = server.api.awaitFinal("/v1/videos/advanced-lip-sync/looped", key, Duration.ofMinutes(4));
    assertEquals("succeed", task.path("task_status").asText(), task.toString());
    JsonNode result = task.path("task_result").path("videos").get(0);
    assertEquals("7.00", result.path("duration").asText(), "the piece ends at 7000 ms: " + task);
    assertEquals("5.00", task.path("task_info").path("parent_video").path("duration").asText());
    assertEquals("loop", task.path("task_input").path("face_choose").get(0).path("sync_mode").asText());
    Api.Answer file = server.api.download(result.path("url").asText(), null);
    assertEquals(200, file.status());
    Path mp4 = Files.createTempFile(server.dataDir, "looped-", ".mp4");
    Files.write(mp4, file.bytes());
    int frames = 0;
    try (VideoReader reader = VideoReader.open(mp4)) {
      Optional<VideoFrame> f;
      while ((f = reader.read()).isPresent()) {
        f.get().close();
        frames++;
      }
    }
    assertEquals(175, frames, "7.00 s at 25 fps");
  }
}
