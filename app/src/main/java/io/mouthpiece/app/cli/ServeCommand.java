package io.mouthpiece.app.cli;

import io.mouthpiece.server.MouthpieceServer;
import io.mouthpiece.server.StopSignals;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mouthpiece serve}: the Kling lip-sync HTTP service; by default with an embedded database under --data-dir. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    headerHeading = "%n",
    header = "Runs the Kling lip-sync HTTP service (kling-api.md) until stopped.",
    description = {
      "Serves every endpoint under /v1 and /kling/v1, plus /health, /metrics and /openapi.json. "
          + "By default everything is kept under --data-dir: an embedded H2 database, uploads, face crops and "
          + "results. To scale out, processes share a PostgreSQL (database.url) and an S3-compatible bucket "
          + "(storage.s3.*), each serving the API, rendering, or both (server.role=api|worker|both); see the "
          + "README's 'Scaling out'. "
          + "Listens on 127.0.0.1 unless server.host says otherwise. On the first start with no account, "
          + "an account named 'default' is created and its keys are printed once, as JSON on stdout. "
          + "Logs go to stderr, one JSON object a line. Ctrl-C / SIGTERM stops it gracefully: running tasks "
          + "get server.shutdown-grace to finish, else are handed back and run again (by another worker, or "
          + "after the next start); then it exits with 0."
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin
  ConfigOptions config;

  @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: 8080, or server.port).")
  Integer port;

  @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default: 127.0.0.1, or server.host).")
  String host;

  @Override
  public Integer call() throws Exception {
    Map<String, String> overrides = new HashMap<>();
    if (port != null) {
      overrides.put("server.port", port.toString());
    }
    if (host != null) {
      overrides.put("server.host", host);
    }
    MouthpieceServer server = MouthpieceServer.start(config.load(overrides));
    CountDownLatch stopped = StopSignals.closeOnStop(server);
    server.firstAccount().ifPresent(keys -> {
      System.err.println("mouthpiece: first start: created the account 'default'; its keys follow on stdout,"
          + " shown this once (the API key is stored only as a hash)");
      System.out.println(AccountsCommand.json(keys));
      System.out.flush();
    });
    System.err.println(server.config().role().servesApi()
        ? "mouthpiece: serving on " + server.baseUrl() + " (Ctrl-C to stop)"
        : "mouthpiece: rendering as a worker, no HTTP listener (Ctrl-C to stop)");
    stopped.await();
    return 0;
  }
}
