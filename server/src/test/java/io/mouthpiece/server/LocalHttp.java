package io.mouthpiece.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server on loopback playing the customer's side: it hosts media files
 * ({@code /media/NAME} from a folder) and receives callbacks ({@code /callback}, recording each
 * body and its headers; {@code /callback-fail} records them apart and answers 500). {@code /endless}
 * is a hostile host: a 200 whose body (zeros, no length) never ends, until the client hangs up.
 * {@code /slow/NAME} is a slow host for whole downloads: it serves {@code /media/NAME} at once to a
 * request with a {@code Range} header (a browser's player reading the header) and {@link #slowMs}
 * later to one without (the service fetching the whole file), counting those in {@link #slowDownloads}.
 */
public final class LocalHttp implements AutoCloseable {
  /** One callback as received. */
  public record Received(String body, Map<String, List<String>> headers) {}

  private final HttpServer server;
  public final List<Received> callbacks = new CopyOnWriteArrayList<>();
  /** The callbacks {@code /callback-fail} answered 500 to. */
  public final List<Received> refused = new CopyOnWriteArrayList<>();
  public volatile long slowMs = 3000;
  public final AtomicInteger slowDownloads = new AtomicInteger();

  public LocalHttp(Path media) throws IOException {
    Path mediaDir = media.toAbsolutePath().normalize();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/media/", ex -> {
      Path file = mediaDir.resolve(ex.getRequestURI().getPath().substring("/media/".length())).normalize();
      if (!file.startsWith(mediaDir) || !Files.isRegularFile(file)) {
        answer(ex, 404, "no such file".getBytes(StandardCharsets.UTF_8));
      } else {
        answer(ex, 200, Files.readAllBytes(file));
      }
    });
    server.createContext("/slow/", ex -> {
      Path file = mediaDir.resolve(ex.getRequestURI().getPath().substring("/slow/".length())).normalize();
      if (!ex.getRequestHeaders().containsKey("Range")) {
        slowDownloads.incrementAndGet();
        try {
          Thread.sleep(slowMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (!file.startsWith(mediaDir) || !Files.isRegularFile(file)) {
        answer(ex, 404, "no such file".getBytes(StandardCharsets.UTF_8));
      } else {
        answer(ex, 200, Files.readAllBytes(file));
      }
    });
    server.createContext("/endless", ex -> {
      ex.sendResponseHeaders(200, 0);
      byte[] chunk = new byte[65536];
      try (OutputStream out = ex.getResponseBody()) {
        while (true) {
          out.write(chunk);
        }
      } catch (IOException hungUp) {
        // the client stopped reading: the only way this body ends
      }
    });
    server.createContext("/callback", ex -> {
      Received r = new Received(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
          Map.copyOf(ex.getRequestHeaders()));
      if (ex.getRequestURI().getPath().equals("/callback-fail")) {
        refused.add(r);
        answer(ex, 500, new byte[0]);
        return;
      }
      callbacks.add(r);
      answer(ex, 200, new byte[0]);
    });
    server.start();
  }

  /** Every callback body received, parsed, in the order they came. */
  public List<JsonNode> callbackBodies() {
    return callbacks.stream().map(c -> json(c.body())).toList();
  }

  /** The task_status of every callback received for {@code taskId}, in the order they came. */
  public List<String> statusesCalledBack(String taskId) {
    return callbacks.stream().map(c -> json(c.body())).filter(n -> n.path("task_id").asText().equals(taskId))
        .map(n -> n.path("task_status").asText()).toList();
  }

  /**
   * Waits until a succeed callback has come for each of {@code taskIds}, at most {@code within}:
   * the last callbacks are sent after their tasks are final, so a test that has seen them final
   * waits for them, not for a fixed time. Returns whether all came.
   */
  public boolean awaitSucceedCallbacks(List<String> taskIds, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!taskIds.stream().allMatch(id -> statusesCalledBack(id).contains("succeed"))) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  /**
   * Waits until a callback for {@code taskId} that was refused has come again (the same body: the
   * same event), at most {@code within}. Returns the first delivery and its repeat, or nothing.
   */
  public Optional<List<Received>> awaitRedelivery(String taskId, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() <= deadline) {
      List<Received> mine = refused.stream().filter(c -> json(c.body()).path("task_id").asText().equals(taskId)).toList();
      for (int i = 0; i < mine.size(); i++) {
        for (int j = i + 1; j < mine.size(); j++) {
          if (mine.get(j).body().equals(mine.get(i).body())) {
            return Optional.of(List.of(mine.get(i), mine.get(j)));
          }
        }
      }
      Thread.sleep(100);
    }
    return Optional.empty();
  }

  private static JsonNode json(String body) {
    try {
      return Api.JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("a callback body that is not JSON: " + body, e);
    }
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static void answer(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
