package io.mouthpiece.server.http;

import io.javalin.http.Context;
import io.mouthpiece.server.errors.KlingError;
import io.mouthpiece.server.errors.KlingException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Kling's 1302 "too many requests": a token bucket per account. Each account may make
 * {@code perSecond} requests a second on average and a burst of twice that; 0 turns it off. A
 * bucket refills by time, so a client that waits as told ({@code Retry-After}) is served again.
 */
final class RateLimiter {
  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long lastNs;
  }

  RateLimiter(double perSecond, LongSupplier nanoTime) {
    this.perSecond = perSecond;
    this.burst = Math.max(1, 2 * perSecond);
    this.nanoTime = nanoTime;
  }

  /**
   * Takes one request from the account's bucket, or sets {@code Retry-After} and throws 429/1302
   * saying when to come back.
   */
  void take(String accountId, Context ctx) {
    if (perSecond <= 0) {
      return;
    }
    long now = nanoTime.getAsLong();
    Bucket b = buckets.computeIfAbsent(accountId, k -> {
      Bucket fresh = new Bucket();
      fresh.tokens = burst;
      fresh.lastNs = now;
      return fresh;
    });
    double waitSec;
    synchronized (b) {
      b.tokens = Math.min(burst, b.tokens + (now - b.lastNs) / 1e9 * perSecond);
      b.lastNs = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return;
      }
      waitSec = (1 - b.tokens) / perSecond;
    }
    ctx.header("Retry-After", Long.toString((long) Math.ceil(waitSec)));
    throw new KlingException(KlingError.TOO_MANY_REQUESTS, String.format(java.util.Locale.ROOT,
        "too many requests: this account may make %s requests a second (accounts.max-requests-per-second);"
            + " retry in %d ms", trim(perSecond), (long) Math.ceil(waitSec * 1000)));
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
