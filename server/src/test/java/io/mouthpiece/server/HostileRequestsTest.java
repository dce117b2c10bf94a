package io.mouthpiece.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.auth.AccountKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A corpus of bad and hostile requests, replayed against one running service as a careless or
 * malicious client would send them: malformed auth, wrong types, boundary timings, huge bodies,
 * private URLs in every field, other accounts' ids, bytes no client should send. Each answer must
 * have its status and code, be the JSON envelope with nosniff, and never be a 5000; afterwards the
 * service must be healthy and hold no temporary file.
 */
class HostileRequestsTest {
  /** One request of the corpus and what it must get. */
  record Case(String name, String request, int status, int code) {}

  @Test
  void everyHostileRequestGetsItsAnswerAndLeavesNothingBehind() throws Exception {
    try (TestServer server = TestServer.start(Map.of("fetch.allow-private-addresses", "false",
        "server.max-json-bytes", "100000", "server.max-upload-bytes", "20000000"))) {
      String key = server.keys.apiKey();
      AccountKeys other = server.server.accounts().create("other");
      AccountKeys disabled = server.server.accounts().create("disabled");
      server.server.accounts().setDisabled(disabled.accountId(), true);

      String videoId = server.api.upload("/v1/files", key, TestMedia.video("retalking_face2.mp4")).data().path("file_id").asText();
      String audioId = server.api.upload("/v1/files", key, TestMedia.audio("retalking_1.wav")).data().path("file_id").asText();
      String sessionId = server.api.post("/v1/videos/identify-face", key, "{\"video_id\": \"" + videoId + "\"}")
          .data().path("session_id").asText();
      String theirVideo = server.api.upload("/v1/files", other.apiKey(), TestMedia.video("retalking_face2.mp4"))
          .data().path("file_id").asText();
      String theirAudio = server.api.upload("/v1/files", other.apiKey(), TestMedia.audio("retalking_1.wav"))
          .data().path("file_id").asText();
      String theirSession = server.api.post("/v1/videos/identify-face", other.apiKey(), "{\"video_id\": \"" + theirVideo + "\"}")
          .data().path("session_id").asText();
      Api.Answer theirTask = server.api.post("/v1/videos/advanced-lip-sync", other.apiKey(), "{\"session_id\": \"" + theirSession
          + "\", \"face_choose\": [{\"face_id\": \"0\", \"audio_id\": \"" + theirAudio + "\", \"sound_start_time\": 0,"
          + " \"sound_end_time\": 3000, \"sound_insert_time\": 0}], \"external_task_id\": \"theirs-1\"}");
      assertEquals(200, theirTask.status(), theirTask.message());
      String theirTaskId = theirTask.data().path("task_id").asText();

      List<Case> corpus = corpus(key, disabled.apiKey(), sessionId, audioId, videoId, theirSession, theirAudio, theirVideo,
          theirTaskId, server.keys.accessKey(), server.keys.secretKey());
      assertTrue(corpus.size() >= 60, "a corpus of at least 60: " + corpus.size());
      List<String> wrong = new ArrayList<>();
      for (Case c : corpus) {
        RawHttp.Answer a = RawHttp.send(server.api.base(), c.request());
        JsonNode body = a.headers().getOrDefault("content-type", "").startsWith("application/json")
            ? Api.JSON.readTree(a.body()) : null;
        // A HEAD answer is GET's without the body: its status and type say it all.
        boolean head = c.request().startsWith("HEAD ");
        int code = head ? c.code() : body == null ? -1 : body.path("code").asInt(-1);
        boolean explained = head ? a.headers().getOrDefault("content-type", "").startsWith("application/json")
            : body != null && !body.path("message").asText().isEmpty();
        if (a.status() != c.status() || code != c.code() || a.status() >= 500 || code == 5000 || !explained
            || !"nosniff".equals(a.headers().get("x-content-type-options"))) {
          wrong.add(c.name() + ": wanted " + c.status() + "/" + c.code() + ", got " + a.status() + "/" + code + " "
              + (body == null ? a.headers() : body.path("message").asText()));
        }
      }
      assertEquals(List.of(), wrong, "every case's status and code");

      assertEquals(200, server.api.get("/health", null).status(), "the service is still healthy");
      assertEquals(200, server.api.get("/v1/videos/advanced-lip-sync/" + theirTaskId, other.apiKey()).status(),
          "and still serves its clients");
      // The one good task's render is a temp file while it runs: only what is left after it counts.
      server.api.awaitFinal("/v1/videos/advanced-lip-sync/" + theirTaskId, other.apiKey(), java.time.Duration.ofSeconds(120));
      try (Stream<Path> left = Files.list(server.dataDir.resolve("files").resolve(".tmp"))) {
        assertEquals(List.of(), left.toList(), "no temporary file left behind");
      }
    }
  }

  private static List<Case> corpus(String key, String disabledKey, String session, String audio, String video,
      String theirSession, String theirAudio, String theirVideo, String theirTask, String access, String secret)
      throws Exception {
    List<Case> c = new ArrayList<>();
    String task = "/v1/videos/advanced-lip-sync";
    String list = task + "?pageNum=1&pageSize=10";
    // Authentication: every malformed, forged, expired or disabled credential.
    c.add(get("no Authorization", list, null, 401, 1001));
    c.add(get("empty bearer", list, "Bearer ", 401, 1001));
    c.add(get("Basic scheme", list, "Basic dXNlcjpwYXNz", 401, 1002));
    c.add(get("unknown key", list, "Bearer mp_not-a-key", 401, 1002));
    c.add(get("three dots", list, "Bearer a.b.c", 401, 1002));
    c.add(get("forged JWT", list, "Bearer " + ServerFlowTest.klingJwt(access, secret + "x", -5, 1800), 401, 1000));
    c.add(get("JWT not yet valid", list, "Bearer " + ServerFlowTest.klingJwt(access, secret, 600, 1800), 401, 1003));
    c.add(get("expired JWT", list, "Bearer " + ServerFlowTest.klingJwt(access, secret, -600, -60), 401, 1004));
    c.add(get("JWT of an unknown issuer", list, "Bearer " + ServerFlowTest.klingJwt("nobody", secret, -5, 1800), 401, 1002));
    c.add(get("disabled account", list, "Bearer " + disabledKey, 429, 1100));
    c.add(head("HEAD without a key", task + "/doesnotexist", null, 401, 1001));

    // Bodies that are not what the contract says.
    String bearer = "Bearer " + key;
    c.add(post("empty body", task, bearer, "application/json", "", 400, 1200));
    c.add(post("broken JSON", task, bearer, "application/json", "{\"session_id\": ", 400, 1200));
    c.add(post("array body", task, bearer, "application/json", "[1, 2]", 400, 1200));
    c.add(post("string body", task, bearer, "application/json", "\"x\"", 400, 1200));
    c.add(post("null body", task, bearer, "application/json", "null", 400, 1200));
    c.add(post("two objects", task, bearer, "application/json", "{} {}", 400, 1200));
    c.add(post("body over the limit", task, bearer, "application/json", "{\"session_id\": \"" + "x".repeat(120_000) + "\"}",
        400, 1200));
    c.add(post("JSON as text/plain", task, bearer, "text/plain", "{}", 400, 1200));
    c.add(post("JSON with no type", task, bearer, null, "{}", 400, 1200));
    c.add(post("JSON as a form", "/v1/videos/identify-face", bearer, "application/x-www-form-urlencoded", "video_id=x", 400, 1200));
    c.add(post("upload without multipart", "/v1/files", bearer, "application/json", "{}", 400, 1200));

    // Wrong types and unknown fields.
    c.add(create("session_id a number", bearer, "{\"session_id\": 5, \"face_choose\": []}", 400, 1201));
    c.add(create("session_id an object", bearer, "{\"session_id\": {\"id\": 1}, \"face_choose\": []}", 400, 1201));
    c.add(create("face_choose a string", bearer, "{\"session_id\": \"" + session + "\", \"face_choose\": \"0\"}", 400, 1201));
    c.add(create("unknown top-level field", bearer, body(session, item(audio, "0", "3000", "0", ""), ", \"colour\": 1"), 400, 1201));
    c.add(create("unknown item field", bearer, body(session, item(audio, "0", "3000", "0", ", \"lips\": 1"), ""), 400, 1201));
    c.add(create("start not a number", bearer, body(session, item(audio, "\"abc\"", "3000", "0", ""), ""), 400, 1201));
    c.add(create("start a fraction", bearer, body(session, item(audio, "1.5", "3000", "0", ""), ""), 400, 1201));
    c.add(create("volume a word", bearer, body(session, item(audio, "0", "3000", "0", ", \"sound_volume\": \"loud\""), ""),
        400, 1201));
    c.add(create("watermark maybe", bearer, body(session, item(audio, "0", "3000", "0", ""),
        ", \"watermark_info\": {\"enabled\": \"maybe\"}"), 400, 1201));
    c.add(create("external id of blanks", bearer, body(session, item(audio, "0", "3000", "0", ""), ", \"external_task_id\": \"  \""),
        400, 1201));
    c.add(create("external id too long", bearer, body(session, item(audio, "0", "3000", "0", ""),
        ", \"external_task_id\": \"" + "e".repeat(201) + "\""), 400, 1201));

    // Timings at and past their bounds.
    c.add(create("negative start", bearer, body(session, item(audio, "-1", "3000", "0", ""), ""), 400, 1201));
    c.add(create("end before start", bearer, body(session, item(audio, "3000", "1000", "0", ""), ""), 400, 1201));
    c.add(create("piece 1999 ms", bearer, body(session, item(audio, "0", "1999", "0", ""), ""), 400, 1201));
    c.add(create("negative insert", bearer, body(session, item(audio, "0", "3000", "-1", ""), ""), 400, 1201));
    c.add(create("insert past the video", bearer, body(session, item(audio, "0", "3000", "4000", ""), ""), 400, 1201));
    c.add(create("end past the audio", bearer, body(session, item(audio, "2000", "59000", "0", ""), ""), 400, 1201));
    c.add(create("volume above 2", bearer, body(session, item(audio, "0", "3000", "0", ", \"sound_volume\": 2.5"), ""), 400, 1201));
    c.add(create("volume below 0", bearer, body(session, item(audio, "0", "3000", "0", ", \"sound_volume\": -0.1"), ""), 400, 1201));
    c.add(create("original volume 3", bearer, body(session, item(audio, "0", "3000", "0", ", \"original_audio_volume\": 3"), ""),
        400, 1201));
    c.add(create("face chosen twice", bearer, "{\"session_id\": \"" + session + "\", \"face_choose\": [{"
        + item(audio, "0", "3000", "0", "") + "}, {" + item(audio, "0", "3000", "0", "") + "}]}", 400, 1201));
    c.add(create("no such face", bearer, body(session, item(audio, "0", "3000", "0", "").replace("\"face_id\": \"0\"",
        "\"face_id\": \"9\""), ""), 400, 1201));

    // Private, loopback and link-local URLs, in every field that takes one.
    String[] privateUrls = {"http://127.0.0.1:1/a", "http://169.254.169.254/latest/meta-data", "http://10.0.0.1/a.mp4",
        "http://[::1]/a", "http://192.168.1.1/a"};
    for (String url : privateUrls) {
      c.add(post("identify video_url " + url, "/v1/videos/identify-face", bearer, "application/json",
          "{\"video_url\": \"" + url + "\"}", 400, 1201));
      c.add(create("sound_file " + url, bearer, body(session, soundFile(url), ""), 400, 1201));
      c.add(create("callback_url " + url, bearer, body(session, item(audio, "0", "3000", "0", ""),
          ", \"callback_url\": \"" + url + "\""), 400, 1201));
    }
    c.add(lipSync("lip-sync video_url private", bearer, "\"video_url\": \"" + privateUrls[1] + "\", \"mode\": \"audio2video\","
        + " \"audio_type\": \"file\", \"audio_file\": \"eA==\"", 400, 1201));
    c.add(lipSync("lip-sync audio_url private", bearer, "\"video_id\": \"" + video + "\", \"mode\": \"audio2video\","
        + " \"audio_type\": \"url\", \"audio_url\": \"" + privateUrls[0] + "\"", 400, 1201));
    c.add(create("file:// sound_file", bearer, body(session, soundFile("file:///etc/passwd"), ""), 400, 1201));
    c.add(create("gopher sound_file", bearer, body(session, soundFile("gopher://example.com/x"), ""), 400, 1201));
    c.add(create("Base64 that is no audio", bearer, body(session,
        soundFile(Base64.getEncoder().encodeToString("words, not sound".repeat(40).getBytes())), ""), 400, 1201));

    // Other accounts' ids: never used, never revealed.
    c.add(get("their task", task + "/" + theirTask, bearer, 404, 1203));
    c.add(get("their external id", task + "/theirs-1", bearer, 404, 1203));
    c.add(get("their task, older path", "/v1/videos/lip-sync/" + theirTask, bearer, 404, 1203));
    c.add(create("their session", bearer, body(theirSession, item(audio, "0", "3000", "0", ""), ""), 400, 1201));
    c.add(create("their audio", bearer, body(session, item(theirAudio, "0", "3000", "0", ""), ""), 400, 1201));
    c.add(post("identify their video", "/v1/videos/identify-face", bearer, "application/json",
        "{\"video_id\": \"" + theirVideo + "\"}", 400, 1201));
    c.add(lipSync("lip-sync their video", bearer, "\"video_id\": \"" + theirVideo + "\", \"mode\": \"audio2video\","
        + " \"audio_type\": \"url\", \"audio_url\": \"https://example.com/a.wav\"", 404, 1203));
    c.add(lipSync("lip-sync unknown video", bearer, "\"video_id\": \"nosuch\", \"mode\": \"audio2video\","
        + " \"audio_type\": \"url\", \"audio_url\": \"https://example.com/a.wav\"", 404, 1203));

    // Paths, methods and bytes below the handlers.
    c.add(get("unknown path", "/v1/nothing/here", bearer, 404, 1203));
    c.add(method("DELETE a task list", "DELETE", task, bearer, 404, 1202));
    c.add(get("GET identify", "/v1/videos/identify-face", bearer, 404, 1202));
    c.add(get("page size 0", task + "?pageSize=0", bearer, 400, 1201));
    c.add(get("page number a word", task + "?pageNum=abc", bearer, 400, 1201));
    c.add(new Case("a 10 kB header", RawHttp.request("GET", "/health", Map.of("X-Token", "t".repeat(10_000)), null), 431, 1200));
    c.add(new Case("a 9 kB URL", RawHttp.request("GET", task + "/" + "a".repeat(9000), Map.of(), null), 414, 1200));
    c.add(new Case("NUL in the path", RawHttp.request("GET", task + "/a%00b", Map.of(), null), 400, 1200));
    c.add(new Case("an unsatisfiable range", RawHttp.request("GET", "/v1/files/" + video + "/content",
        Map.of("Range", "bytes=999999999-"), null), 416, 1200));
    return c;
  }

  private static String body(String session, String item, String extra) {
    return "{\"session_id\": \"" + session + "\", \"face_choose\": [{" + item + "}]" + extra + "}";
  }

  private static String item(String audio, String start, String end, String insert, String more) {
    return "\"face_id\": \"0\", \"audio_id\": \"" + audio + "\", \"sound_start_time\": " + start + ", \"sound_end_time\": "
        + end + ", \"sound_insert_time\": " + insert + more;
  }

  private static String soundFile(String value) {
    return "\"face_id\": \"0\", \"sound_file\": \"" + value + "\", \"sound_start_time\": 0, \"sound_end_time\": 3000,"
        + " \"sound_insert_time\": 0";
  }

  private static Map<String, String> headers(String auth, String contentType) {
    Map<String, String> h = new LinkedHashMap<>();
    if (auth != null) {
      h.put("Authorization", auth);
    }
    if (contentType != null) {
      h.put("Content-Type", contentType);
    }
    return h;
  }

  private static Case get(String name, String path, String auth, int status, int code) {
    return method(name, "GET", path, auth, status, code);
  }

  private static Case head(String name, String path, String auth, int status, int code) {
    return method(name, "HEAD", path, auth, status, code);
  }

  private static Case method(String name, String method, String path, String auth, int status, int code) {
    return new Case(name, RawHttp.request(method, path, headers(auth, null), null), status, code);
  }

  private static Case post(String name, String path, String auth, String contentType, String body, int status, int code) {
    return new Case(name, RawHttp.request("POST", path, headers(auth, contentType), body), status, code);
  }

  private static Case create(String name, String auth, String body, int status, int code) {
    return post(name, "/v1/videos/advanced-lip-sync", auth, "application/json", body, status, code);
  }

  private static Case lipSync(String name, String auth, String input, int status, int code) {
    return post(name, "/v1/videos/lip-sync", auth, "application/json", "{\"input\": {" + input + "}}", status, code);
  }
}
