package io.mouthpiece.server.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mouthpiece.server.auth.Authenticator;
import io.mouthpiece.server.config.ServerConfig;
import io.mouthpiece.server.identify.IdentifyService;
import io.mouthpiece.server.media.Inputs;
import io.mouthpiece.server.speech.SpeechService;
import io.mouthpiece.server.store.FileIndex;
import io.mouthpiece.server.store.FileStore;
import io.mouthpiece.server.task.api.TaskRequests;
import io.mouthpiece.server.task.api.TaskService;
import io.mouthpiece.server.task.TaskView;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Builds the HTTP handlers from the domain services, and the server that routes to them. */
public final class Handlers {
  private final ServerConfig config;
  private final PrometheusMeterRegistry metrics;
  private final List<Routes.Route> routes;

  public Handlers(ServerConfig config, Inputs inputs, FileIndex files, FileStore store, TaskView view,
      TaskRequests requests, TaskService tasks, IdentifyService identify, SpeechService speech, PrometheusMeterRegistry metrics,
      BooleanSupplier ready, Clock clock) throws IOException {
    this.config = config;
    this.metrics = metrics;
    RequestJson json = new RequestJson(config.http().maxJsonBytes());
    this.routes = Routes.table(new TaskHandlers(json, requests, tasks, view), new IdentifyHandler(json, identify, view),
        new FileHandlers(inputs, files, store, view, config.http().maxUploadBytes(), clock),
        new SpeechHandler(json, speech, view), new OpsHandlers(ready, metrics),
        new WebPage());
  }

  public ApiServer server(Authenticator auth, BooleanSupplier stopping) {
    return new ApiServer(config, routes, auth, metrics, stopping);
  }

  /** "METHOD /path" of every route, for checks (the OpenAPI document must list exactly these). */
  public List<String> routeKeys() {
    return routes.stream().map(r -> r.method().name() + " " + r.path()).toList();
  }
}
