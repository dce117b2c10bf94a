package io.mouthpiece.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mouthpiece.server.auth.Account;
import io.mouthpiece.server.auth.Authenticator;
import io.mouthpiece.server.config.ServerConfig;
import io.mouthpiece.server.db.Database;
import io.mouthpiece.server.errors.KlingError;
import io.mouthpiece.server.errors.KlingException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP side: Javalin with the {@link Routes} table, a request id on every request (header
 * {@code X-Request-Id}, log MDC, envelope), the key check on key routes, and one place that turns
 * every failure into the envelope: bad input is a 4xx with its Kling code, never a stack trace.
 * Every GET route answers HEAD too, and every answer says {@code nosniff}.
 */
public final class ApiServer {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  static final String REQUEST_ID_HEADER = "X-Request-Id";
  /** What a client refused during a shutdown is told to wait: about what a restart takes. */
  private static final long SHUTDOWN_RETRY_AFTER_SEC = 10;
  /** Browsers must take each answer as the type it says (a download as a video, an error as JSON), never guess HTML. */
  static final String NOSNIFF_HEADER = "X-Content-Type-Options";

  private final Javalin app;
  private final List<Routes.Route> routes;
  private final Authenticator auth;
  private final BooleanSupplier stopping;
  private final RateLimiter rateLimiter;

  ApiServer(ServerConfig config, List<Routes.Route> routes, Authenticator auth, PrometheusMeterRegistry metrics,
      BooleanSupplier stopping) {
    this.routes = withHead(routes);
    this.auth = auth;
    this.stopping = stopping;
    this.rateLimiter = new RateLimiter(config.accounts().maxRequestsPerSecond(), System::nanoTime);
    this.app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.startupWatcherEnabled = false;
      // Bodies are read and bounded by RequestJson and the upload handler, each with its own limit.
      c.http.maxRequestSize = config.http().maxUploadBytes();
      c.jetty.multipartConfig.cacheDirectory(config.dataDir().resolve("files").resolve(".tmp").toString());
      c.jetty.multipartConfig.maxFileSize(config.http().maxUploadBytes(), io.javalin.config.SizeUnit.BYTES);
      c.jetty.multipartConfig.maxTotalRequestSize(config.http().maxUploadBytes() + 65536, io.javalin.config.SizeUnit.BYTES);
      c.jetty.multipartConfig.maxInMemoryFileSize(1, io.javalin.config.SizeUnit.MB);
      c.jetty.modifyServer(s -> {
        s.setStopTimeout(config.http().shutdownGrace().toMillis());
        s.setErrorHandler(new EnvelopeErrorHandler());
      });
      c.requestLogger.http((ctx, ms) -> {
        String route = routeOf(ctx);
        Timer.builder("mouthpiece_http_requests").tag("method", ctx.method().name()).tag("route", route)
            .tag("status", Integer.toString(ctx.statusCode())).register(metrics).record((long) (ms * 1e6), TimeUnit.NANOSECONDS);
        LOG.debug("{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.statusCode(), ms);
      });
    });
    app.before(this::begin);
    app.after(ctx -> MDC.remove("request_id"));
    for (Routes.Route r : this.routes) {
      app.addHttpHandler(r.method(), r.path(), ctx -> handle(ctx, r));
    }
    app.exception(KlingException.class, (e, ctx) -> Envelope.error(ctx, e));
    app.exception(HttpResponseException.class, (e, ctx) -> {
      if (e.getStatus() == 404 || e.getStatus() == 405) {
        notFound(ctx);
      } else {
        Envelope.error(ctx, fromJavalin(e));
      }
    });
    // Whoever's exception it is (ours, or the job queue's storage layer wrapping the same SQL
    // failure), a database that cannot be reached is 503/5001.
    app.exception(Exception.class, (e, ctx) -> {
      if (!Database.isUnavailable(e)) {
        internalError(ctx, e);
        return;
      }
      LOG.warn("database unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
      ctx.header("Retry-After", "5");
      Envelope.error(ctx, new KlingException(KlingError.UNAVAILABLE, "the database is unavailable; try again shortly"));
    });
    app.error(404, this::notFound);
    app.error(405, this::notFound);
  }

  private static void internalError(Context ctx, Exception e) {
    LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
    Envelope.error(ctx, new KlingException(KlingError.INTERNAL, "internal error; request_id "
        + ctx.attribute(Envelope.REQUEST_ID) + " identifies it in the service's log"));
  }

  private void begin(Context ctx) {
    String id = UUID.randomUUID().toString();
    ctx.attribute(Envelope.REQUEST_ID, id);
    ctx.header(REQUEST_ID_HEADER, id);
    ctx.header(NOSNIFF_HEADER, "nosniff");
    MDC.put("request_id", id);
  }

  /**
   * The routes with a HEAD for every GET that has none: HEAD must answer what GET would, key check
   * and errors included (RFC 9110 §9.3.2); Jetty leaves the body out. Without it Javalin answers
   * any HEAD on a GET path with an empty 200 of its own.
   */
  private static List<Routes.Route> withHead(List<Routes.Route> routes) {
    List<Routes.Route> all = new ArrayList<>(routes);
    for (Routes.Route r : routes) {
      boolean hasHead = routes.stream().anyMatch(h -> h.method() == HandlerType.HEAD && h.path().equals(r.path()));
      if (r.method() == HandlerType.GET && !hasHead) {
        all.add(new Routes.Route(HandlerType.HEAD, r.path(), r.keyRequired(), r.action()));
      }
    }
    return List.copyOf(all);
  }

  private void handle(Context ctx, Routes.Route route) throws Exception {
    // While running work drains, the listener stays open so every client hears why and when to
    // come back; /health says not ready, for the load balancer.
    if (stopping.getAsBoolean() && !route.path().equals(Routes.HEALTH)) {
      ctx.header("Retry-After", Long.toString(SHUTDOWN_RETRY_AFTER_SEC));
      throw new KlingException(KlingError.UNAVAILABLE, "the service is shutting down; try again shortly");
    }
    Account account = route.keyRequired() ? auth.authenticate(ctx.header("Authorization")) : null;
    if (account != null) {
      rateLimiter.take(account.id(), ctx);
    }
    route.action().handle(ctx, account);
  }

  /** No route for this method and path: 1202 when the path exists under another method, else 1203. */
  private void notFound(Context ctx) {
    if (ctx.attribute(Envelope.ANSWERED) != null) {
      return;
    }
    String path = ctx.path();
    boolean otherMethod = routes.stream().anyMatch(r -> r.matches(path) && r.method() != ctx.method());
    if (otherMethod) {
      Envelope.error(ctx, new KlingException(KlingError.WRONG_METHOD, ctx.method() + " is not allowed on " + path
          + "; allowed: " + String.join(", ",
              routes.stream().filter(r -> r.matches(path)).map(r -> r.method().name()).distinct().toList())));
    } else {
      Envelope.error(ctx, KlingException.notFound("no such path: " + path));
    }
  }

  private static KlingException fromJavalin(HttpResponseException e) {
    if (e.getStatus() == 413) {
      return KlingException.invalidRequest("the request body is too large: " + e.getMessage());
    }
    if (e.getStatus() >= 500) {
      return new KlingException(KlingError.INTERNAL, e.getMessage());
    }
    return KlingException.invalidRequest(e.getMessage());
  }

  private static String routeOf(Context ctx) {
    try {
      String p = ctx.endpointHandlerPath();
      return p == null || p.isEmpty() ? "unmatched" : p;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }

  /** Starts listening; returns the bound port (useful with port 0). */
  public int start(String host, int port) {
    app.start(host, port);
    return app.port();
  }

  /** Stops taking requests and lets the ones in flight finish, up to the shutdown grace. */
  public void stop() {
    try {
      app.stop();
    } catch (RuntimeException e) {
      if (!(e.getCause() instanceof java.util.concurrent.TimeoutException)) {
        throw e;
      }
      // Jetty stops everything before it reports that the grace ran out: the server is down, and a
      // shutdown that throws for it would read as a failed one.
      LOG.warn("HTTP stopped with connections still open at the end of the shutdown grace");
    }
  }
}
