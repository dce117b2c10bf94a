package io.mouthpiece.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.auth.AccountKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every rule and error code of kling-api.md that a client can provoke, over real HTTP: each answer
 * is checked for its HTTP status, its Kling code, and a message that names the field. None of
 * them may be a 500.
 */
class ServerValidationTest {
  static LocalHttp host;
  static TestServer server;
  static String key;
  static String sessionId;
  static String audioId;
  static AccountKeys other;

  @BeforeAll
  static void start() throws Exception {
    Path video = TestMedia.video("retalking_face2.mp4");
    host = new LocalHttp(video.getParent().getParent());
    server = TestServer.start(Map.of("server.max-json-bytes", "3000000", "media.min-side-px", "600",
        "media.max-video-ms", "20000"));
    key = server.keys.apiKey();
    other = server.server.accounts().create("other");
    sessionId = server.api.identifiedAt(key, host.url("/media/video/retalking_face2.mp4")).path("session_id").asText();
    JsonNode audio = server.api.uploaded(key, TestMedia.audio("retalking_1.wav"));
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

  /** Asserts status, code, and that the message names {@code field}. */
  static void expect(Api.Answer a, int status, int code, String field) {
    assertEquals(status, a.status(), () -> "HTTP status of " + a.json());
    assertEquals(code, a.code(), () -> "code of " + a.json());
    assertTrue(a.message().contains(field), () -> "message names " + field + ": " + a.message());
    assertFalse(a.json().path("request_id").asText().isEmpty(), "request_id");
  }

  private static Api.Answer create(String body) {
    return server.api.post("/v1/videos/advanced-lip-sync", key, body);
  }

  /** A create body with one face_choose item made of {@code item}'s fields, and {@code extra} top-level fields. */
  private static String body(String item, String extra) {
    return "{\"session_id\": \"" + sessionId + "\", \"face_choose\": [{" + item + "}]" + extra + "}";
  }

  private static String item(String start, String end, String insert, String more) {
    return "\"face_id\": \"0\", \"audio_id\": \"" + audioId + "\", \"sound_start_time\": " + start
        + ", \"sound_end_time\": " + end + ", \"sound_insert_time\": " + insert + more;
  }

  /** A valid item (made after the audio was uploaded). */
  private static String good() {
    return item("0", "3000", "0", "");
  }

  @Test
  void authentication() throws Exception {
    String path = "/v1/videos/advanced-lip-sync";
    expect(server.api.get(path, null), 401, 1001, "Authorization");
    expect(server.api.get(path, "  "), 401, 1001, "Authorization");
    expect(server.api.get(path, "mp_not-a-key"), 401, 1002, "Authorization");
    expect(server.api.get(path, "a.b.c"), 401, 1002, "Authorization");
    String access = server.keys.accessKey();
    String secret = server.keys.secretKey();
    expect(server.api.get(path, ServerFlowTest.klingJwt(access, secret, 120, 1800)), 401, 1003, "nbf");
    expect(server.api.get(path, ServerFlowTest.klingJwt(access, secret, -600, -60)), 401, 1004, "exp");
    expect(server.api.get(path, ServerFlowTest.klingJwt(access, secret + "x", -5, 1800)), 401, 1000, "JWT");
    expect(server.api.get(path, ServerFlowTest.klingJwt("unknown-access-key", secret, -5, 1800)), 401, 1002, "iss");
    AccountKeys disabled = server.server.accounts().create("disabled");
    server.server.accounts().setDisabled(disabled.accountId(), true);
    expect(server.api.get(path, disabled.apiKey()), 429, 1100, "disabled");
    // A few seconds of clock skew are tolerated.
    assertEquals(200, server.api.get(path, ServerFlowTest.klingJwt(access, secret, 3, 1800)).status());
  }

  @Test
  void malformedBodies() {
    expect(create("{\"session_id\": "), 400, 1200, "JSON");
    expect(create(""), 400, 1200, "empty");
    expect(create("[1, 2]"), 400, 1200, "object");
    expect(create("\"text\""), 400, 1200, "object");
    expect(create("{} {}"), 400, 1200, "JSON");
    expect(create("{\"session_id\": \"" + "x".repeat(3_100_000) + "\"}"), 400, 1200, "larger than the limit of 3000000 bytes");
  }

  @Test
  void unknownFieldsAndWrongTypes() {
    expect(create(body(good(), ", \"colour\": \"red\"")), 400, 1201, "colour: unknown field");
    expect(create(body(good() + ", \"lips\": 1", "")), 400, 1201, "face_choose[0].lips: unknown field");
    expect(create(body(item("\"abc\"", "3000", "0", ""), "")), 400, 1201, "face_choose[0].sound_start_time: must be a whole number");
    expect(create(body(item("1.5", "3000", "0", ""), "")), 400, 1201, "face_choose[0].sound_start_time");
    expect(create(body(item("0", "3000", "0", ", \"sound_volume\": \"loud\""), "")), 400, 1201, "face_choose[0].sound_volume: must be a number");
    expect(create(body(item("0", "3000", "0", ", \"sound_volume\": [1]"), "")), 400, 1201, "face_choose[0].sound_volume");
    expect(create("{\"session_id\": \"" + sessionId + "\", \"face_choose\": \"0\"}"), 400, 1201, "face_choose");
    expect(create("{\"session_id\": {\"id\": 1}, \"face_choose\": []}"), 400, 1201, "session_id");
    expect(create(body(good(), ", \"watermark_info\": {\"enabled\": \"maybe\"}")), 400, 1201, "watermark_info.enabled");
  }

  @Test
  void requiredFieldsAndSessions() {
    expect(create("{\"face_choose\": [{" + good() + "}]}"), 400, 1201, "session_id: required");
    expect(create("{\"session_id\": \"nope\", \"face_choose\": [{" + good() + "}]}"), 400, 1201, "session_id");
    expect(server.api.post("/v1/videos/advanced-lip-sync", other.apiKey(), body(good(), "")), 400, 1201, "session_id");
    expect(create("{\"session_id\": \"" + sessionId + "\"}"), 400, 1201, "face_choose");
    expect(create("{\"session_id\": \"" + sessionId + "\", \"face_choose\": []}"), 400, 1201, "face_choose");
    expect(create(body("\"audio_id\": \"" + audioId + "\", \"sound_start_time\": 0, \"sound_end_time\": 3000, \"sound_insert_time\": 0", "")),
        400, 1201, "face_choose[0].face_id: required");
    expect(create(body(good().replace("\"face_id\": \"0\"", "\"face_id\": \"7\""), "")), 400, 1201, "face_choose[0].face_id");
    expect(create(body(item("0", "3000", "0", "").replace(", \"sound_end_time\": 3000", ""), "")), 400, 1201,
        "face_choose[0].sound_end_time: required");
    String twice = "{\"session_id\": \"" + sessionId + "\", \"face_choose\": [{" + good() + "}, {" + good() + "}]}";
    expect(create(twice), 400, 1201, "face_choose[1].face_id");
  }

  @Test
  void timingRules() {
    expect(create(body(item("-1", "3000", "0", ""), "")), 400, 1201, "face_choose[0].sound_start_time");
    expect(create(body(item("1000", "2500", "0", ""), "")), 400, 1201, "face_choose[0].sound_end_time");
    expect(create(body(item("0", "3000", "-5", ""), "")), 400, 1201, "face_choose[0].sound_insert_time");
    expect(create(body(item("0", "3000", "4000", ""), "")), 400, 1201, "face_choose[0].sound_insert_time");
    expect(create(body(item("0", "3000", "0", ", \"sound_volume\": 2.5"), "")), 400, 1201, "face_choose[0].sound_volume");
    expect(create(body(item("0", "3000", "0", ", \"original_audio_volume\": -1"), "")), 400, 1201,
        "face_choose[0].original_audio_volume");
  }

  @Test
  void audioAndUrls() throws Exception {
    String both = "\"face_id\": \"0\", \"audio_id\": \"" + audioId + "\", \"sound_file\": \"http://example.com/a.wav\","
        + " \"sound_start_time\": 0, \"sound_end_time\": 3000, \"sound_insert_time\": 0";
    expect(create(body(both, "")), 400, 1201, "face_choose[0].sound_file");
    String neither = "\"face_id\": \"0\", \"sound_start_time\": 0, \"sound_end_time\": 3000, \"sound_insert_time\": 0";
    expect(create(body(neither, "")), 400, 1201, "face_choose[0].sound_file");
    expect(create(body(good().replace(audioId, "unknown"), "")), 400, 1201, "face_choose[0].audio_id");
    String withFile = "\"face_id\": \"0\", \"sound_file\": \"%s\", \"sound_start_time\": 0, \"sound_end_time\": 3000, \"sound_insert_time\": 0";
    expect(create(body(String.format(withFile, "!!not base64!!"), "")), 400, 1201, "face_choose[0].sound_file");
    expect(create(body(String.format(withFile, "ftp://example.com/a.wav"), "")), 400, 1201, "face_choose[0].sound_file");
    String text = Base64.getEncoder().encodeToString("plain words, no sound".repeat(50).getBytes());
    expect(create(body(String.format(withFile, text), "")), 400, 1201, "face_choose[0].sound_file");
    expect(create(body(good(), ", \"callback_url\": \"ftp://example.com/cb\"")), 400, 1201, "callback_url");
    // "" is how Kling clients say none (CreateChecksTest); blanks are a mistake.
    expect(create(body(good(), ", \"external_task_id\": \"   \"")), 400, 1201, "external_task_id");
  }

  @Test
  void aTaskWhoseAudioCannotBeFetchedFailsAndSaysWhy() throws Exception {
    // Numbers as strings are accepted (a widely used proxy sends them so).
    String item = "\"face_id\": 0, \"sound_file\": \"" + host.url("/media/audio/missing.wav") + "\","
        + " \"sound_start_time\": \"0\", \"sound_end_time\": \"3000\", \"sound_insert_time\": \"0\", \"sound_volume\": \"1.5\"";
    Api.Answer created = create(body(item, ", \"external_task_id\": \"dup-1\""));
    assertEquals(200, created.status(), created.message());
    expect(create(body(good(), ", \"external_task_id\": \"dup-1\"")), 400, 1201, "external_task_id");
    String taskId = created.data().path("task_id").asText();
    JsonNode task = server.api.awaitFinal("/v1/videos/advanced-lip-sync/" + taskId, key, Duration.ofSeconds(60));
    assertEquals("failed", task.path("task_status").asText());
    assertTrue(task.path("task_status_msg").asText().contains("face_choose[0].sound_file: the server answered HTTP 404"),
        task.toString());
    // Fetched audio is known only in the job: a piece it cannot give fails the task, named in Kling's words.
    String tooFar = "\"face_id\": \"0\", \"sound_file\": \"" + host.url("/media/audio/retalking_1.wav") + "\","
        + " \"sound_start_time\": 2000, \"sound_end_time\": 6000, \"sound_insert_time\": 0";
    Api.Answer past = create(body(tooFar, ""));
    assertEquals(200, past.status(), past.message());
    JsonNode pastTask = server.api.awaitFinal("/v1/videos/advanced-lip-sync/" + past.data().path("task_id").asText(), key,
        Duration.ofSeconds(60));
    assertEquals("failed", pastTask.path("task_status").asText());
    assertTrue(pastTask.path("task_status_msg").asText().matches(
        "face_choose\\[0]\\.sound_end_time: must be at most the audio's length, 50[0-9]{2} ms \\(got 6000 ms\\)"),
        pastTask.toString());
    // Another account never learns that the task exists.
    expect(server.api.get("/v1/videos/advanced-lip-sync/" + taskId, other.apiKey()), 404, 1203, taskId);
    expect(server.api.get("/v1/videos/advanced-lip-sync/dup-1", other.apiKey()), 404, 1203, "dup-1");
    assertEquals(0, server.api.get("/v1/videos/advanced-lip-sync", other.apiKey()).data().size());
  }

  @Test
  void queriesAndMethods() {
    expect(server.api.get("/v1/videos/advanced-lip-sync/no-such-task", key), 404, 1203, "no-such-task");
    expect(server.api.get("/kling/v1/videos/lip-sync/no-such-task", key), 404, 1203, "no-such-task");
    expect(server.api.get("/v1/videos/advanced-lip-sync?pageSize=0", key), 400, 1201, "pageSize");
    expect(server.api.get("/v1/videos/advanced-lip-sync?pageSize=501", key), 400, 1201, "pageSize");
    expect(server.api.get("/v1/videos/advanced-lip-sync?pageNum=abc", key), 400, 1201, "pageNum");
    expect(server.api.method("DELETE", "/v1/videos/advanced-lip-sync", key), 404, 1202, "DELETE");
    expect(server.api.method("PUT", "/kling/v1/videos/identify-face", key), 404, 1202, "PUT");
    expect(server.api.get("/v1/videos/identify-face", key), 404, 1202, "GET");
    expect(server.api.get("/v1/no/such/path", key), 404, 1203, "/v1/no/such/path");
    expect(server.api.download(server.api.base() + "/v1/files/nofile/content", null), 404, 1203, "nofile");
  }

  @Test
  void identifyRules() throws Exception {
    String path = "/v1/videos/identify-face";
    expect(server.api.post(path, key, "{}"), 400, 1201, "video_url");
    expect(server.api.post(path, key, "{\"video_url\": \"http://x/a.mp4\", \"video_id\": \"y\"}"), 400, 1201, "video_url");
    expect(server.api.post(path, key, "{\"video_url\": \"file:///etc/passwd\"}"), 400, 1201, "video_url");
    expect(server.api.post(path, key, "{\"video_id\": \"" + audioId + "\"}"), 400, 1201, "video_id");
    expect(server.api.post(path, other.apiKey(), "{\"video_id\": \"" + audioId + "\"}"), 400, 1201, "video_id");
    expect(server.api.post(path, key, "{\"video_url\": \"" + host.url("/media/audio/retalking_1.wav") + "\"}"), 400, 1201,
        "video_url: not a decodable video");
    expect(server.api.post(path, key, "{\"video_url\": \"" + host.url("/media/video/musetalk_sun.mp4") + "\"}"), 400, 1201,
        "video_url: the video must be 2.0 to 20.0 s long, got 22");
    expect(server.api.post(path, key, "{\"video_url\": \"" + host.url("/media/video/retalking_face3.mp4") + "\"}"), 400, 1201,
        "video_url: width and height must each be 600 to 2160 px, got 590x590");
    expect(server.api.post(path, key, "{\"video_url\": \"" + host.url("/media/video/nothing.mp4") + "\"}"), 400, 1201,
        "video_url: the server answered HTTP 404");
  }

  @Test
  void olderEndpoint() {
    String path = "/v1/videos/lip-sync";
    expect(server.api.post(path, key, "{}"), 400, 1201, "input");
    expect(server.api.post(path, key, "{\"input\": {\"video_url\": \"http://example.com/v.mp4\", \"mode\": \"text2video\","
        + " \"text\": \"hello\", \"voice_id\": \"v\", \"voice_language\": \"en\"}}"), 400, 1201, "input.voice_id");
    expect(server.api.post(path, key, "{\"input\": {\"mode\": \"audio2video\"}}"), 400, 1201, "input.video_url");
    expect(server.api.post(path, key, "{\"input\": {\"video_url\": \"http://example.com/v.mp4\", \"mode\": \"audio2video\"}}"),
        400, 1201, "input.audio_type");
    expect(server.api.post(path, key, "{\"input\": {\"video_url\": \"http://example.com/v.mp4\", \"mode\": \"audio2video\","
        + " \"audio_type\": \"url\"}}"), 400, 1201, "input.audio_url");
    expect(server.api.post(path, key, "{\"input\": {\"video_url\": \"http://example.com/v.mp4\", \"mode\": \"sing\"}}"),
        400, 1201, "input.mode");
    expect(server.api.post(path, key, "{\"input\": {\"video_url\": \"http://example.com/v.mp4\", \"speed\": 1}}"),
        400, 1201, "input.speed: unknown field");
  }

  @Test
  void uploads() throws Exception {
    expect(server.api.post("/v1/files", key, "{}"), 400, 1200, "multipart/form-data");
    Path text = Files.createTempFile(server.dataDir, "note-", ".mp4");
    Files.writeString(text, "not a video at all");
    expect(server.api.upload("/v1/files", key, text), 400, 1201, "file");
  }
}
