package io.mouthpiece.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mouthpiece.engine.media.VideoInfo;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole flow as a client does it, over real HTTP on loopback with real media: identify-face,
 * create a task with the returned ids, poll until succeed, download the mp4 and check it (and its
 * watermarked copy: marked in its corner, the same elsewhere), and check the callbacks (a receiver
 * that fails gets them again). Once with an API key under /v1 (video and audio hosted by a local
 * server), once with a Kling JWT made by another JWT library under /kling/v1 (video uploaded, audio
 * as Base64), once on the older endpoint.
 */
class ServerFlowTest {
  static final String VIDEO = "retalking_face2.mp4"; // 844x844, 25 fps, 5 s
  static final String AUDIO = "retalking_1.wav"; // 5.02 s of speech

  static Path video;
  static Path audio;
  static LocalHttp host;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    video = TestMedia.video(VIDEO);
    audio = TestMedia.audio(AUDIO);
    host = new LocalHttp(video.getParent().getParent());
    server = TestServer.start(Map.of("callbacks.webhook-secret", "flow-secret"));
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

  @Test
  void apiKeyUnderV1WithHostedMedia() throws Exception {
    String key = server.keys.apiKey();
    Api.Answer identified = server.api.post("/v1/videos/identify-face", key,
        "{\"video_url\": \"" + host.url("/media/video/" + VIDEO) + "\"}");
    assertEquals(200, identified.status(), identified.message());
    JsonNode face = identified.data().path("face_data").get(0);
    assertEquals("0", face.path("face_id").asText());
    Api.Answer crop = server.api.download(face.path("face_image").asText(), null);
    assertEquals(200, crop.status());
    assertTrue(crop.bytes().length > 1000, "a face crop");

    String body = "{\"session_id\": \"" + identified.data().path("session_id").asText() + "\", \"face_choose\": [{"
        + "\"face_id\": \"" + face.path("face_id").asText() + "\", \"sound_file\": \"" + host.url("/media/audio/" + AUDIO) + "\","
        + "\"sound_start_time\": 0, \"sound_end_time\": 4000, \"sound_insert_time\": 500, \"sound_volume\": 1.2,"
        + "\"original_audio_volume\": 0.3}], \"callback_url\": \"" + host.url("/callback") + "\","
        + "\"external_task_id\": \"flow-v1\", \"watermark_info\": {\"enabled\": true}}";
    JsonNode task = createAndFinish("/v1", key, body, "flow-v1");
    Path result = downloadResult(task, "url");
    checkOutput(result);
    Path marked = downloadResult(task, "watermark_url");
    checkOutput(marked);
    checkWatermark(result, marked);
    checkCallbacks(task.path("task_id").asText(), true);
  }

  @Test
  void klingJwtUnderKlingPrefixWithUploadAndBase64() throws Exception {
    String jwt = klingJwt(server.keys.accessKey(), server.keys.secretKey());
    Api.Answer uploaded = server.api.upload("/kling/v1/files", jwt, video);
    assertEquals(200, uploaded.status(), uploaded.message());
    assertEquals("video", uploaded.data().path("kind").asText());
    Api.Answer identified = server.api.post("/kling/v1/videos/identify-face", jwt,
        "{\"video_id\": \"" + uploaded.data().path("file_id").asText() + "\"}");
    assertEquals(200, identified.status(), identified.message());
    String base64 = "data:audio/wav;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(audio));
    String body = "{\"session_id\": \"" + identified.data().path("session_id").asText() + "\", \"face_choose\": [{"
        + "\"face_id\": \"0\", \"sound_file\": \"" + base64 + "\", \"sound_start_time\": \"500\", \"sound_end_time\": \"4500\","
        + "\"sound_insert_time\": \"0\", \"original_sound_volume\": \"0.5\"}], \"external_task_id\": \"flow-kling\"}";
    JsonNode task = createAndFinish("/kling/v1", jwt, body, "flow-kling");
    checkOutput(downloadResult(task, "url"));
    assertEquals("", task.path("task_result").path("videos").get(0).path("watermark_url").asText());
  }

  @Test
  void olderLipSyncEndpointWithAnUploadedVideosUrlAndAFailingCallbackReceiver() throws Exception {
    String key = server.keys.apiKey();
    Api.Answer uploaded = server.api.upload("/v1/files", key, video);
    String body = "{\"input\": {\"video_url\": \"" + uploaded.data().path("url").asText() + "\", \"mode\": \"audio2video\","
        + " \"audio_type\": \"url\", \"audio_url\": \"" + host.url("/media/audio/retalking_2.wav") + "\"},"
        + " \"callback_url\": \"" + host.url("/callback-fail") + "\"}";
    Api.Answer created = server.api.post("/v1/videos/lip-sync", key, body);
    assertEquals(200, created.status(), created.message());
    String id = created.data().path("task_id").asText();
    JsonNode task = server.api.awaitFinal("/v1/videos/lip-sync/" + id, key, Duration.ofMinutes(4));
    assertEquals("succeed", task.path("task_status").asText(), "a receiver answering 500 changes nothing: " + task);
    assertEquals(uploaded.data().path("file_id").asText(), task.path("task_info").path("parent_video").path("id").asText());
    checkOutput(downloadResult(task, "url"));
    // Each callback was refused: it comes again, the same event. (Not necessarily 3 s later, the first
    // backoff: JobRunr starts a scheduled job up to one poll interval, 5 s, before its time.)
    List<LocalHttp.Received> firstAndRetry = host.awaitRedelivery(id, Duration.ofSeconds(60))
        .orElseThrow(() -> new AssertionError("no refused callback delivered again within 60 s: " + host.refused.size()
            + " refused deliveries"));
    LocalHttp.Received first = firstAndRetry.get(0);
    LocalHttp.Received retry = firstAndRetry.get(1);
    assertEquals(first.headers().get("Webhook-id"), retry.headers().get("Webhook-id"), "a retry is the same event");
    checkSignature(retry);
    // The older endpoint's tasks are its own: not listed or found under advanced-lip-sync.
    assertEquals(404, server.api.get("/v1/videos/advanced-lip-sync/" + id, key).status());
  }

  /** Creates, checks the creation answer, polls by external_task_id until final; returns the task. */
  private JsonNode createAndFinish(String prefix, String token, String body, String externalId) throws Exception {
    Api.Answer created = server.api.post(prefix + "/videos/advanced-lip-sync", token, body);
    assertEquals(200, created.status(), created.message());
    assertEquals(0, created.code());
    assertEquals("submitted", created.data().path("task_status").asText());
    assertEquals(externalId, created.data().path("task_info").path("external_task_id").asText());
    JsonNode task = server.api.awaitFinal(prefix + "/videos/advanced-lip-sync/" + externalId, token, Duration.ofMinutes(4));
    assertEquals("succeed", task.path("task_status").asText(), task.toString());
    assertEquals(100, task.path("task_progress").asInt());
    assertEquals(created.data().path("task_id").asText(), task.path("task_id").asText());
    assertEquals(task.path("task_result").path("videos").get(0).path("duration").asText(),
        task.path("task_info").path("parent_video").path("duration").asText(), "the result is as long as the source");
    checkQuality(task);
    JsonNode listed = server.api.get(prefix + "/videos/advanced-lip-sync?pageNum=1&pageSize=50", token).data();
    assertTrue(listed.isArray() && listed.findValuesAsText("task_id").contains(task.path("task_id").asText()));
    return task;
  }

  /**
   * [ours] task_result.quality: the face's report, its frame counts adding up to the source's frames,
   * the sync read in eval's lag window, a verdict; the speaking clip draws no warning.
   */
  private static void checkQuality(JsonNode task) throws Exception {
    JsonNode quality = task.path("task_result").path("quality");
    assertTrue(quality.isArray() && quality.size() == 1, "one report per face: " + task.path("task_result"));
    JsonNode q = quality.get(0);
    assertEquals("0", q.path("face_id").asText());
    assertEquals("sound", q.path("mouth_driven_by").asText(), "an audio file's words are not known");
    JsonNode frames = q.path("frames");
    int frameCount = 0;
    try (VideoReader r = VideoReader.open(video)) {
      for (var f = r.read(); f.isPresent(); f = r.read()) {
        f.get().close();
        frameCount++;
      }
    }
    assertEquals(frameCount, frames.path("total").asInt(), frames.toString());
    assertEquals(frames.path("total").asInt(), frames.path("rendered").asInt() + frames.path("outside_window").asInt()
        + frames.path("passed_through").asInt(), frames.toString());
    assertTrue(frames.path("rendered").asInt() > 0 && frames.path("outside_window").asInt() > 0, frames.toString());
    assertEquals("[-40,120]", q.path("sync").path("lag_window_ms").toString());
    assertTrue(q.path("sync").path("r").isNumber() && q.path("library").path("mouths").asInt() > 0, q.toString());
    assertEquals(0, q.path("warnings").size(), "a speaking source: " + q.path("warnings"));
    assertTrue(q.path("verdict").asText().startsWith("good"), q.path("verdict").asText());
  }

  private Path downloadResult(JsonNode task, String field) throws Exception {
    JsonNode v = task.path("task_result").path("videos").get(0);
    String url = v.path(field).asText();
    Api.Answer whole = server.api.download(url, null);
    assertEquals(200, whole.status());
    assertEquals("bytes", whole.response().headers().firstValue("accept-ranges").orElse(""));
    Api.Answer part = server.api.download(url, "bytes=100-199");
    assertEquals(206, part.status());
    assertEquals("bytes 100-199/" + whole.bytes().length, part.response().headers().firstValue("content-range").orElse(""));
    assertEquals(100, part.bytes().length);
    assertEquals(whole.bytes()[150], part.bytes()[50]);
    assertEquals(416, server.api.download(url, "bytes=" + whole.bytes().length + "-").status());
    Path file = Files.createTempFile(server.dataDir, "result-", ".mp4");
    Files.write(file, whole.bytes());
    return file;
  }

  /** Same size, frame rate, frame count and length as the source; has sound. */
  private static void checkOutput(Path result) throws Exception {
    VideoInfo source;
    int sourceFrames = 0;
    try (VideoReader r = VideoReader.open(video)) {
      source = r.info();
      for (var f = r.read(); f.isPresent(); f = r.read()) {
        f.get().close();
        sourceFrames++;
      }
    }
    try (VideoReader r = VideoReader.open(result)) {
      VideoInfo out = r.info();
      int frames = 0;
      for (var f = r.read(); f.isPresent(); f = r.read()) {
        f.get().close();
        frames++;
      }
      assertEquals(sourceFrames, frames, "frame count");
      assertEquals(source.width(), out.width());
      assertEquals(source.height(), out.height());
      assertEquals(source.frameRate().toDouble(), out.frameRate().toDouble(), 0.01);
      assertEquals(source.durationMs(), out.durationMs(), 60, "duration");
      assertTrue(out.hasAudio(), "the result has sound");
    }
  }

  /** submitted → processing → succeed, each the bare task object, signed the Standard Webhooks way. */
  private static void checkCallbacks(String taskId, boolean signed) throws Exception {
    host.awaitSucceedCallbacks(List.of(taskId), Duration.ofSeconds(20));
    assertEquals(List.of("submitted", "processing", "succeed"), host.statusesCalledBack(taskId));
    for (LocalHttp.Received c : host.callbacks) {
      JsonNode n = Api.JSON.readTree(c.body());
      assertTrue(n.has("task_id") && !n.has("code"), "a bare task object, no envelope");
      if (signed) {
        checkSignature(c);
      }
    }
  }

  /** Signed the Standard Webhooks way with the server's secret. */
  private static void checkSignature(LocalHttp.Received c) throws Exception {
    String id = c.headers().get("Webhook-id").get(0);
    String ts = c.headers().get("Webhook-timestamp").get(0);
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec("flow-secret".getBytes(), "HmacSHA256"));
    String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + ts + "." + c.body()).getBytes()));
    assertEquals(expected, c.headers().get("Webhook-signature").get(0));
  }

  /**
   * Every frame of the marked copy carries the mark in its lower right corner (many pixels changed
   * outright, as white text on a dark outline does) and is the result elsewhere, re-encoding aside.
   * Measured on this clip: 9.6-9.8 % of the corner changed in every frame, none of the rest, whose
   * bytes differ by 1.5 at most on average.
   */
  private static void checkWatermark(Path plain, Path marked) throws Exception {
    try (VideoReader a = VideoReader.open(plain); VideoReader b = VideoReader.open(marked)) {
      int frames = 0;
      while (true) {
        var fa = a.read();
        var fb = b.read();
        assertEquals(fa.isPresent(), fb.isPresent(), "as many frames in both");
        if (fa.isEmpty()) {
          break;
        }
        try (var x = fa.get(); var y = fb.get()) {
          FrameDiff d = FrameDiff.of(x.bgr(), y.bgr());
          String at = "frame " + frames + ": " + d;
          assertTrue(d.cornerChanged() > 0.03, "the mark is drawn in the lower right corner, " + at);
          assertTrue(d.restChanged() < 0.0005, "nothing is drawn elsewhere, " + at);
          assertTrue(d.restMeanAbs() < 3, "elsewhere the copy is the result, " + at);
        }
        frames++;
      }
      assertTrue(frames > 0, "the copies have frames");
    }
  }

  /** A Kling JWT made with Nimbus (not the server's JWT library): HS256, iss, exp in 30 min, nbf 5 s ago. */
  static String klingJwt(String accessKey, String secretKey) throws Exception {
    return klingJwt(accessKey, secretKey, -5, 1800);
  }

  static String klingJwt(String accessKey, String secretKey, long nbfFromNowSec, long expFromNowSec) throws Exception {
    long now = System.currentTimeMillis();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(accessKey).notBeforeTime(new Date(now + nbfFromNowSec * 1000))
        .expirationTime(new Date(now + expFromNowSec * 1000)).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
    byte[] secret = secretKey.getBytes();
    jwt.sign(new MACSigner(secret.length >= 32 ? secret : java.util.Arrays.copyOf(secret, 32)));
    return jwt.serialize();
  }
}
