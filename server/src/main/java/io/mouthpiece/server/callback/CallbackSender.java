package io.mouthpiece.server.callback;

import io.mouthpiece.engine.DaemonThreads;
import io.mouthpiece.server.auth.AccountStore;
import io.mouthpiece.server.config.ServerConfig;
import io.mouthpiece.server.fetch.AddressPolicy;
import io.mouthpiece.server.fetch.FetchException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Callbacks (kling-api.md §5): on every status change of a task with a callback_url, the bare task
 * object is POSTed. First attempts go out in order from one thread (so a receiver sees submitted,
 * processing, then the end); a delivery without a 2xx within the timeout is retried as a JobRunr
 * job after 3, 9, 27, ... s, about an hour in all (each may start up to one queue poll early: JobRunr
 * enqueues a scheduled job once its time is within the next poll). Nothing here can change the task.
 */
public final class CallbackSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CallbackSender.class);

  private final ServerConfig.Callbacks config;
  private final AddressPolicy policy;
  private final WebhookSigner signer;
  private final Retries retries;
  private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final ExecutorService firstAttempts = Executors.newSingleThreadExecutor(DaemonThreads.named("callbacks"));

  /**
   * Where a failed delivery's next attempt goes: the job queue's scheduling side
   * ({@code JobScheduler::schedule}), which runs it as a {@link CallbackRetryHandler} job.
   */
  @FunctionalInterface
  public interface Retries {
    void schedule(Instant at, CallbackDelivery retry);
  }

  public CallbackSender(ServerConfig.Callbacks config, boolean allowPrivate, Retries retries) {
    this.config = config;
    this.policy = new AddressPolicy(allowPrivate);
    this.signer = config.webhookSecret().isBlank() ? null : new WebhookSigner(config.webhookSecret());
    this.retries = retries;
  }

  /** Sends the task object to its callback URL (if any), in order, without waiting. */
  public void send(String taskId, String callbackUrl, String body) {
    if (callbackUrl == null) {
      return;
    }
    CallbackDelivery d = new CallbackDelivery(taskId, callbackUrl, body, "msg_" + AccountStore.randomId(), 0);
    firstAttempts.execute(() -> attempt(d));
  }

  /** One delivery attempt; on failure, schedules the next while attempts remain. */
  void attempt(CallbackDelivery d) {
    String failure;
    try {
      failure = post(d);
    } catch (FetchException refused) {
      // The address policy's answer does not change with time: trying again would only knock again.
      LOG.warn("callback for task {} to {} not sent, and not retried: {}", d.taskId, d.url, refused.getMessage());
      return;
    }
    if (failure == null) {
      return;
    }
    if (d.attempt >= config.retries()) {
      LOG.warn("callback for task {} to {} given up after {} attempts: {}", d.taskId, d.url, d.attempt + 1, failure);
      return;
    }
    long delaySec = (long) Math.pow(3, d.attempt + 1);
    LOG.info("callback for task {} to {} failed ({}); retrying in {} s", d.taskId, d.url, failure, delaySec);
    try {
      // JobRunr runs scheduled jobs by the system clock, so the retry is timed by it too.
      retries.schedule(Instant.now().plusSeconds(delaySec),
          new CallbackDelivery(d.taskId, d.url, d.body, d.eventId, d.attempt + 1));
    } catch (RuntimeException e) {
      LOG.warn("callback for task {}: could not schedule a retry: {}", d.taskId, e.toString());
    }
  }

  /**
   * Null when delivered (2xx), else why not; throws when the URL itself is refused (its form, or
   * an address the policy forbids), which no retry mends.
   */
  private String post(CallbackDelivery d) throws FetchException {
    URI uri = AddressPolicy.parseHttpUrl("callback_url", d.url);
    try {
      policy.check("callback_url", uri);
    } catch (FetchException e) {
      if (!e.retryable()) {
        throw e;
      }
      return e.getMessage();
    }
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.timeout())
          .header("Content-Type", "application/json").header("User-Agent", "mouthpiece")
          .POST(HttpRequest.BodyPublishers.ofString(d.body));
      if (signer != null) {
        long ts = Instant.now().getEpochSecond(); // the receiver checks it against its own (real) clock
        request.header("webhook-id", d.eventId).header("webhook-timestamp", Long.toString(ts))
            .header("webhook-signature", signer.sign(d.eventId, ts, d.body));
      }
      int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      return status / 100 == 2 ? null : "HTTP " + status;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (Exception e) {
      return e.toString();
    }
  }

  /** Lets queued first attempts go out for a few seconds; later ones are dropped. */
  @Override
  public void close() throws InterruptedException {
    firstAttempts.shutdown();
    firstAttempts.awaitTermination(5, TimeUnit.SECONDS);
  }
}
