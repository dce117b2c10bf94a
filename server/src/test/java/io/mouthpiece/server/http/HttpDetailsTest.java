package io.mouthpiece.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.server.Api;
import io.mouthpiece.server.RawHttp;
import io.mouthpiece.server.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP details a client or a browser relies on, over real HTTP against a real server: HEAD
 * answers what GET would, Range headers as RFC 9110 reads them, errors raised below the handlers
 * still in the envelope, {@code nosniff} everywhere, and JSON bodies only as application/json.
 */
class HttpDetailsTest {
  static TestServer server;
  static String key;
  static String fileUrl;
  static byte[] file;
  static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Map.of());
    key = server.keys.apiKey();
    Api.Answer uploaded = server.api.upload("/v1/files", key, TestMedia.audio("retalking_1.wav"));
    assertEquals(200, uploaded.status(), uploaded.message());
    fileUrl = uploaded.data().path("url").asText();
    file = server.api.download(fileUrl, null).bytes();
    assertTrue(file.length > 1000, "a file to take ranges of");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- 6. HEAD answers what GET would, without the body.

  @Test
  void headAnswersWhatGetWould() throws Exception {
    String download = URI.create(fileUrl).getPath();
    List<String[]> cases = List.of(
        new String[] {"/v1/videos/advanced-lip-sync/doesnotexist", null},  // 401: the key is checked
        new String[] {"/v1/videos/advanced-lip-sync/doesnotexist", key},   // 404/1203
        new String[] {"/kling/v1/videos/lip-sync?pageSize=5", key},        // 200, the list
        new String[] {"/v1/videos/lip-sync?pageSize=0", key},              // 400/1201
        new String[] {download, null},                                     // the file
        new String[] {"/v1/files/doesnotexist/content", null},             // 404
        new String[] {"/health", null},
        new String[] {"/openapi.json", null},
        new String[] {"/", null},
        new String[] {"/web/app.js", null},
        new String[] {"/web/nope.js", null},
        new String[] {"/v1/nowhere", null});
    for (String[] c : cases) {
      HttpResponse<byte[]> get = send(request(c[0], c[1]).GET());
      HttpResponse<byte[]> head = send(request(c[0], c[1]).method("HEAD", HttpRequest.BodyPublishers.noBody()));
      String what = "HEAD " + c[0] + (c[1] == null ? " without a key" : " with a key");
      assertEquals(get.statusCode(), head.statusCode(), what + ": status");
      assertEquals(header(get, "content-type"), header(head, "content-type"), what + ": Content-Type");
      assertEquals(header(get, "content-length"), header(head, "content-length"), what + ": Content-Length");
      assertEquals(0, head.body().length, what + ": no body");
    }
    // The status the GET above had, to be sure the comparison compared something.
    assertEquals(401, send(request("/v1/videos/advanced-lip-sync/doesnotexist", null)
        .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode());
    HttpResponse<byte[]> head = send(request(download, null).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertEquals(Integer.toString(file.length), header(head, "content-length"), "the file's length");
    assertEquals("bytes", header(head, "accept-ranges"));
    // Range is for GET only (RFC 9110 §14.2): a HEAD with one describes the whole file.
    HttpResponse<byte[]> ranged = send(request(download, null).header("Range", "bytes=0-9")
        .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, ranged.statusCode());
    assertEquals(Integer.toString(file.length), header(ranged, "content-length"));
    // A path with no GET: refused as GET is (404/1202), still without a body.
    HttpResponse<byte[]> noGet = send(request("/v1/videos/identify-face", key).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertEquals(404, noGet.statusCode());
    assertEquals(0, noGet.body().length);
  }

  // --- 7. Range headers (RFC 9110 §14).

  @Test
  void singleSatisfiableRangesArePartial() {
    int n = file.length;
    expectPart("bytes=0-99", 0, 99);
    expectPart("bytes=-500", n - 500, n - 1);
    expectPart("bytes=100-", 100, n - 1);
    expectPart("bytes=" + (n - 10) + "-" + (n + 1000), n - 10, n - 1);
    expectPart("BYTES=5-9", 5, 9);
  }

  @Test
  void invalidOrUnsupportedRangesAreIgnored() {
    for (String range : List.of("bytes=abc", "items=0-10", "bytes=0-0,100-199", "bytes=5-3", "bytes=", "bytes=--5",
        "bytes=1-2-3", "bytes = 5-9", "0-10")) {
      Api.Answer a = server.api.download(fileUrl, range);
      assertEquals(200, a.status(), range + ": the whole file");
      assertArrayEquals(file, a.bytes(), range);
      assertEquals(Integer.toString(file.length), header(a.response(), "content-length"), range);
      assertEquals("", header(a.response(), "content-range"), range);
    }
  }

  @Test
  void unsatisfiableRangesAre416WithTheLength() {
    for (String range : List.of("bytes=999999999-", "bytes=" + file.length + "-", "bytes=-0",
        "bytes=999999999-999999999,99999999999-", "bytes=99999999999999999999999-")) {
      Api.Answer a = server.api.download(fileUrl, range);
      assertEquals(416, a.status(), range);
      assertEquals("bytes */" + file.length, header(a.response(), "content-range"), range);
      assertEquals("nosniff", header(a.response(), "x-content-type-options"), range);
      assertEquals(1200, a.code(), range + ": in the envelope");
    }
  }

  private static void expectPart(String range, int first, int last) {
    Api.Answer a = server.api.download(fileUrl, range);
    assertEquals(206, a.status(), range);
    assertEquals("bytes " + first + "-" + last + "/" + file.length, header(a.response(), "content-range"), range);
    assertArrayEquals(Arrays.copyOfRange(file, first, last + 1), a.bytes(), range);
  }

  // --- 8. Errors raised below the handlers are answered in the envelope too.

  @Test
  void badMessagesAreAnsweredInTheEnvelope() throws IOException {
    String big = "a".repeat(10_240);
    expectEnvelope(raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Token: " + big + "\r\n\r\n"), 431, 1200);
    expectEnvelope(raw("GET /v1/videos/lip-sync/" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414, 1200);
    expectEnvelope(raw("GET /v1/videos/lip-sync/a%00b HTTP/1.1\r\nHost: x\r\n\r\n"), 400, 1200);
    expectEnvelope(raw("GET /health HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n"), 400, 1200);
  }

  private static void expectEnvelope(RawHttp.Answer a, int status, int code) throws IOException {
    assertEquals(status, a.status(), a.toString());
    assertEquals("application/json", a.headers().getOrDefault("content-type", ""), a.toString());
    assertEquals("nosniff", a.headers().getOrDefault("x-content-type-options", ""), a.toString());
    JsonNode body = Api.JSON.readTree(a.body());
    assertEquals(code, body.path("code").asInt(-1), a.toString());
    assertFalse(body.path("message").asText().isEmpty(), a.toString());
    assertFalse(body.path("request_id").asText().isEmpty(), a.toString());
    assertEquals(body.path("request_id").asText(), a.headers().getOrDefault("x-request-id", ""), "the same id in the header");
    assertTrue(body.has("data"), a.toString());
  }

  // --- 9. nosniff on every answer; JSON bodies only as application/json.

  @Test
  void everyAnswerSaysNosniff() {
    List<Api.Answer> answers = List.of(
        server.api.get("/health", null),
        server.api.get("/v1/videos/lip-sync", null),
        server.api.get("/v1/videos/lip-sync", key),
        server.api.get("/v1/nowhere", key),
        server.api.get("/metrics", null),
        server.api.get("/openapi.json", null),
        server.api.download(fileUrl, null),
        server.api.download(fileUrl, "bytes=0-9"),
        server.api.post("/v1/videos/identify-face", key, "{"));
    for (Api.Answer a : answers) {
      assertEquals("nosniff", header(a.response(), "x-content-type-options"), a.response().uri() + " " + a.status());
    }
  }

  @Test
  void jsonBodiesMustSaySo() throws Exception {
    String body = "{\"video_id\": \"doesnotexist\"}";
    for (String path : List.of("/v1/videos/identify-face", "/v1/videos/advanced-lip-sync", "/kling/v1/videos/lip-sync")) {
      for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/jsonp")) {
        Api.Answer a = post(path, type, body);
        assertEquals(400, a.status(), path + " " + type);
        assertEquals(1200, a.code(), path + " " + type);
        assertEquals("Content-Type: must be application/json, got " + type, a.message(), path);
      }
      Api.Answer none = post(path, null, body);
      assertEquals(400, none.status(), path + " without a Content-Type");
      assertEquals(1200, none.code(), path);
      assertTrue(none.message().startsWith("Content-Type: must be application/json"), none.message());
    }
    // application/json with parameters, in any case, is application/json: the request goes on to its own checks.
    Api.Answer plain = post("/v1/videos/identify-face", "application/json", body);
    assertNotEquals(1200, plain.code(), plain.message());
    for (String type : List.of("application/json; charset=utf-8", "Application/JSON;charset=UTF-8")) {
      Api.Answer a = post("/v1/videos/identify-face", type, body);
      assertEquals(plain.status(), a.status(), type + ": " + a.message());
      assertEquals(plain.code(), a.code(), type + ": " + a.message());
    }
  }

  private static Api.Answer post(String path, String contentType, String body) throws Exception {
    HttpRequest.Builder b = request(path, key).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    HttpResponse<byte[]> r = send(b);
    return new Api.Answer(r.statusCode(), Api.JSON.readTree(r.body()), r.body(), r);
  }

  // --- helpers

  private static HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.api.base() + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse("");
  }

  /** An answer read off the socket: status, headers (names in lower case), body. */
  private static RawHttp.Answer raw(String request) throws IOException {
    return RawHttp.send(server.api.base(), request);
  }
}
