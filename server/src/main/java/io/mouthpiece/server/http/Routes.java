package io.mouthpiece.server.http;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.HEAD;
import static io.javalin.http.HandlerType.POST;
import static io.mouthpiece.server.task.Task.ADVANCED;
import static io.mouthpiece.server.task.Task.LIP_SYNC;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.mouthpiece.server.auth.Account;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every route of the service, in one table. The API routes are served twice, under {@code /v1}
 * (Kling's paths) and {@code /kling/v1} (the reseller-proxy paths), identically; then the
 * operators' routes and the web page. Routes marked "ours" are additions to Kling's API.
 */
public final class Routes {
  /** The readiness probe: open, and answered even while the service shuts down. */
  static final String HEALTH = "/health";
  /** The prefixes every API route is served under. */
  public static final List<String> PREFIXES = List.of("/v1", "/kling/v1");

  private static final boolean KEY = true;
  private static final boolean OPEN = false;

  /** A handler, given the caller's account (null on open routes). */
  @FunctionalInterface
  public interface Action {
    void handle(Context ctx, Account account) throws Exception;
  }

  /** One route: method, full path, whether a key is required, what handles it. */
  public record Route(HandlerType method, String path, boolean keyRequired, Action action) {
    /** True when a request path matches this route's path (parameters match one segment). */
    boolean matches(String requestPath) {
      return Pattern.matches(path.replaceAll("\\{[^}]+}", "[^/]+"), requestPath.replaceAll("/+$", ""));
    }
  }

  private Routes() {}

  static List<Route> table(TaskHandlers tasks, IdentifyHandler identify, FileHandlers files, SpeechHandler speech,
      OpsHandlers ops, WebPage page) {
    List<Route> api = List.of(
        new Route(POST, "/videos/identify-face",                   KEY,  identify::identify),
        new Route(POST, "/videos/advanced-lip-sync",               KEY,  tasks::createAdvanced),
        new Route(GET,  "/videos/advanced-lip-sync/{id}",          KEY,  (ctx, a) -> tasks.get(ctx, a, ADVANCED)),
        new Route(GET,  "/videos/advanced-lip-sync",               KEY,  (ctx, a) -> tasks.list(ctx, a, ADVANCED)),
        new Route(POST, "/videos/advanced-lip-sync/{id}/cancel",   KEY,  (ctx, a) -> tasks.cancel(ctx, a, ADVANCED)), // ours
        new Route(POST, "/videos/lip-sync",                        KEY,  tasks::createLipSync),
        new Route(GET,  "/videos/lip-sync/{id}",                   KEY,  (ctx, a) -> tasks.get(ctx, a, LIP_SYNC)),
        new Route(GET,  "/videos/lip-sync",                        KEY,  (ctx, a) -> tasks.list(ctx, a, LIP_SYNC)),
        new Route(POST, "/videos/lip-sync/{id}/cancel",            KEY,  (ctx, a) -> tasks.cancel(ctx, a, LIP_SYNC)), // ours
        new Route(POST, "/files",                                  KEY,  files::upload), // ours
        new Route(GET,  "/files/{id}/content",                     OPEN, files::download),
        new Route(HEAD, "/files/{id}/content",                     OPEN, files::download),
        new Route(POST, "/speech",                                 KEY,  speech::speak), // ours
        new Route(GET,  "/speech/voices",                          KEY,  speech::voices)); // ours
    List<Route> all = new ArrayList<>();
    for (String prefix : PREFIXES) {
      api.forEach(r -> all.add(new Route(r.method(), prefix + r.path(), r.keyRequired(), r.action())));
    }
    all.add(new Route(GET, HEALTH,          OPEN, ops::health));
    all.add(new Route(GET, "/metrics",      OPEN, ops::metrics));
    all.add(new Route(GET, "/openapi.json", OPEN, ops::openapi));
    // The web page for people: the page needs no key, its API calls send the one typed in.
    all.add(new Route(GET, "/",             OPEN, page::index));
    all.add(new Route(GET, "/web/{file}",   OPEN, page::asset));
    return all;
  }
}
