package io.mouthpiece.server.http;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mouthpiece.server.auth.Account;
import io.mouthpiece.server.errors.KlingError;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;

/** Health, Prometheus metrics and the OpenAPI document: for operators and tools, no key needed. */
final class OpsHandlers {
  private final BooleanSupplier ready;
  private final PrometheusMeterRegistry metrics;
  private final byte[] openapi;

  OpsHandlers(BooleanSupplier ready, PrometheusMeterRegistry metrics) throws IOException {
    this.ready = ready;
    this.metrics = metrics;
    try (InputStream in = OpsHandlers.class.getResourceAsStream("/openapi.json")) {
      this.openapi = in.readAllBytes();
    }
  }

  /** 200 when the database answers, the job queue runs and the service is not shutting down; else 503/5001. */
  void health(Context ctx, Account ignored) {
    if (ready.getAsBoolean()) {
      Envelope.ok(ctx, Envelope.JSON.createObjectNode().put("status", "UP"));
    } else {
      Envelope.error(ctx, KlingError.UNAVAILABLE, "not ready (starting, shutting down, or the database is unreachable)",
          Envelope.JSON.createObjectNode().put("status", "DOWN"));
    }
  }

  void metrics(Context ctx, Account ignored) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  void openapi(Context ctx, Account ignored) {
    ctx.contentType("application/json").result(openapi);
  }
}
