package io.mouthpiece.server.fetch;

import io.mouthpiece.engine.DaemonThreads;
import io.mouthpiece.server.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Downloads a URL a caller gave (video_url, sound_file, audio_url) to a local file, bounded in
 * size and in time, following redirects only to URLs the {@link AddressPolicy} allows. What the
 * bytes are is checked afterwards, by decoding them.
 */
public final class SafeFetcher {
  private final AddressPolicy policy;
  private final Duration timeout;
  private final int maxRedirects;
  private final HttpClient client;
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
      DaemonThreads.named("fetch-watchdog"));

  public SafeFetcher(ServerConfig.Fetch config) {
    this.policy = new AddressPolicy(config.allowPrivateAddresses());
    this.timeout = config.timeout();
    this.maxRedirects = config.maxRedirects();
    this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(Math.min(10, Math.max(1, timeout.toSeconds())))).build();
  }

  /** Writes the body of {@code url} to {@code target}; {@code field} names the request field in errors. */
  public void download(String field, String url, long maxBytes, Path target) throws FetchException {
    URI uri = AddressPolicy.parseHttpUrl(field, url);
    long deadlineNs = System.nanoTime() + timeout.toNanos();
    for (int hop = 0; ; hop++) {
      policy.check(field, uri);
      HttpResponse<InputStream> response = send(field, uri, deadlineNs);
      int status = response.statusCode();
      if (status >= 300 && status < 400 && response.headers().firstValue("location").isPresent()) {
        closeQuietly(response.body());
        if (hop >= maxRedirects) {
          throw new FetchException(field + ": more than " + maxRedirects + " redirects", false);
        }
        uri = AddressPolicy.parseHttpUrl(field, uri.resolve(response.headers().firstValue("location").get()).toString());
        continue;
      }
      if (status != 200) {
        closeQuietly(response.body());
        boolean retry = status >= 500 || status == 429 || status == 408;
        throw new FetchException(field + ": the server answered HTTP " + status + " for " + uri, retry);
      }
      long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
      if (declared > maxBytes) {
        closeQuietly(response.body());
        throw new FetchException(field + ": the file is " + declared + " bytes, more than the limit of " + maxBytes, false);
      }
      copyBounded(field, response.body(), target, maxBytes, deadlineNs);
      return;
    }
  }

  private HttpResponse<InputStream> send(String field, URI uri, long deadlineNs) throws FetchException {
    Duration left = Duration.ofNanos(Math.max(1, deadlineNs - System.nanoTime()));
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(left).header("User-Agent", "mouthpiece").GET().build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new FetchException(field + ": could not download " + uri + " (" + e + ")", true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(field + ": download interrupted", true);
    }
  }

  /** Copies at most maxBytes; a stalled body is cut at the deadline by closing the stream. */
  private void copyBounded(String field, InputStream body, Path target, long maxBytes, long deadlineNs)
      throws FetchException {
    ScheduledFuture<?> cut = watchdog.schedule(() -> closeQuietly(body), Math.max(1, deadlineNs - System.nanoTime()),
        TimeUnit.NANOSECONDS);
    long total = 0;
    try (InputStream in = body; OutputStream out = Files.newOutputStream(target)) {
      byte[] buffer = new byte[65536];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
        if (total > maxBytes) {
          throw new FetchException(field + ": the file is more than the limit of " + maxBytes + " bytes", false);
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      boolean late = System.nanoTime() >= deadlineNs;
      throw new FetchException(field + (late ? ": download took longer than " + timeout.toSeconds() + " s"
          : ": download failed (" + e.getMessage() + ")"), true);
    } finally {
      cut.cancel(false);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // closing only to stop the transfer
    }
  }
}
