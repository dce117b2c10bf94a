package io.mouthpiece.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** A plain HTTP client of the API, as a customer would write one (java.net.http, JSON by hand). */
public final class Api {
  public static final ObjectMapper JSON = new ObjectMapper();
  private final String base;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public Api(String base) {
    this.base = base;
  }

  public String base() {
    return base;
  }

  /** An answer: HTTP status, parsed JSON body (null if not JSON), raw bytes, the response. */
  public record Answer(int status, JsonNode json, byte[] bytes, HttpResponse<byte[]> response) {
    public int code() {
      return json.path("code").asInt(-1);
    }

    public String message() {
      return json.path("message").asText();
    }

    public JsonNode data() {
      return json.path("data");
    }
  }

  public Answer post(String path, String token, String body) {
    return send(request(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Answer get(String path, String token) {
    return send(request(path, token).GET());
  }

  public Answer method(String method, String path, String token) {
    return send(request(path, token).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  /** GET of an absolute URL (a result or crop URL the API handed out), with optional Range. */
  public Answer download(String url, String range) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    if (range != null) {
      b.header("Range", range);
    }
    return send(b.GET());
  }

  /** A multipart/form-data upload of one file in the field "file". */
  public Answer upload(String path, String token, Path file) throws IOException {
    String boundary = "mp" + UUID.randomUUID().toString().replace("-", "");
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes();
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
    byte[] content = Files.readAllBytes(file);
    byte[] body = new byte[head.length + content.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(content, 0, body, head.length, content.length);
    System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
    return send(request(path, token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** Uploads {@code file} to /v1/files: the answer's data (file_id, kind, url); fails the test on an error. */
  public JsonNode uploaded(String token, Path file) throws IOException {
    return ok(upload("/v1/files", token, file));
  }

  /** identify-face on {@code video} (uploaded first): the answer's data (session_id, face_data); fails the test on an error. */
  public JsonNode identified(String token, Path video) throws IOException {
    return identified(token, "video_id", uploaded(token, video).path("file_id").asText());
  }

  /** identify-face on the video at {@code url}: the answer's data; fails the test on an error. */
  public JsonNode identifiedAt(String token, String url) {
    return identified(token, "video_url", url);
  }

  private JsonNode identified(String token, String field, String value) {
    return ok(post("/v1/videos/identify-face", token, "{\"" + field + "\": \"" + value + "\"}"));
  }

  private static JsonNode ok(Answer a) {
    org.junit.jupiter.api.Assertions.assertEquals(200, a.status(), a.message());
    return a.data();
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private Answer send(HttpRequest.Builder b) {
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode json = null;
      if (r.headers().firstValue("content-type").orElse("").startsWith("application/json")) {
        json = JSON.readTree(r.body());
      }
      return new Answer(r.statusCode(), json, r.body(), r);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls a task until it is succeed or failed (or the time runs out); returns the last task object. */
  public JsonNode awaitFinal(String path, String token, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    JsonNode task = null;
    while (System.nanoTime() < deadline) {
      Answer a = get(path, token);
      task = a.data();
      String status = task.path("task_status").asText();
      if (status.equals("succeed") || status.equals("failed")) {
        return task;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("task not finished within " + within + ": " + task);
  }

  /** Waits until the task is processing and its lip-sync has visibly started (its progress then); fails if it ends first. */
  public int awaitRendering(String path, String token, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode t = get(path, token).data();
      if (t.path("task_status").asText().equals("processing") && t.path("task_progress").asInt() >= 10) {
        return t.path("task_progress").asInt();
      }
      if (t.path("task_status").asText().equals("succeed") || t.path("task_status").asText().equals("failed")) {
        throw new AssertionError("the task ended before it was caught rendering: " + t);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the task did not start rendering within " + within);
  }

  /** Waits until {@code /health} answers 200 (the server of {@code process} is up), failing if the process dies first. */
  public void awaitHealthy(Process process, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server process died on start (exit " + process.exitValue() + ")");
      }
      try {
        if (get("/health", null).status() == 200) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("no healthy server within " + within);
  }
}
