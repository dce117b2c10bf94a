package io.mouthpiece.server.scale;

import io.mouthpiece.server.Api;
import io.mouthpiece.server.ServerProcess;
import io.mouthpiece.server.TestServer;
import io.mouthpiece.server.auth.AccountKeys;
import io.mouthpiece.server.auth.AccountStore;
import io.mouthpiece.server.config.ConfigLoader;
import io.mouthpiece.server.config.ServerConfig;
import io.mouthpiece.server.db.Database;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The scaled-out service on one machine, every part real: a PostgreSQL, an S3 server, one API
 * process and N worker processes (separate JVMs, {@link ServerProcess}) configured by their
 * properties files alone. For the scale-out test and {@code bench/scale-out.sh}.
 */
public final class Cluster implements AutoCloseable {
  public static final String BUCKET = "mouthpiece";

  public final PostgresServer pg;
  public final S3Server s3;
  public final Api api;
  public final AccountKeys keys;
  private final Path root;
  private final int apiPort;
  private final Map<String, String> extra;
  private final Process apiProcess;
  private final List<Process> workers = new ArrayList<>();

  private Cluster(PostgresServer pg, S3Server s3, Path root, Map<String, String> extra) throws Exception {
    this.pg = pg;
    this.s3 = s3;
    this.root = root;
    this.extra = extra;
    try (ServerSocket s = new ServerSocket(0)) {
      apiPort = s.getLocalPort();
    }
    try (Database db = Database.open(config())) { // what `mouthpiece accounts create` does
      keys = new AccountStore(db).create("scale");
    }
    api = new Api("http://127.0.0.1:" + apiPort);
    apiProcess = launch("api", Map.of("server.role", "api", "server.port", Integer.toString(apiPort)));
    api.awaitHealthy(apiProcess, Duration.ofSeconds(60)); // its log: ROOT/api/process.log
  }

  /** Starts the servers and the API process; add workers with {@link #addWorker}. */
  public static Cluster start(Map<String, String> extra) throws Exception {
    PostgresServer pg = PostgresServer.start();
    S3Server s3 = null;
    try {
      s3 = S3Server.start();
      return new Cluster(pg, s3, TestServer.newDataDir(), extra);
    } catch (Exception | Error e) {
      if (s3 != null) {
        s3.close();
      }
      pg.close();
      throw e;
    }
  }

  /** Settings every process shares: the database, the bucket, loopback media and callbacks. */
  private Map<String, String> shared() {
    Map<String, String> s = new HashMap<>(s3.settings(BUCKET));
    s.put("database.url", pg.jdbcUrl());
    s.put("database.user", "postgres");
    s.put("server.public-url", "http://127.0.0.1:" + apiPort);
    s.put("fetch.allow-private-addresses", "true");
    s.put("server.shutdown-grace", "2s");
    s.putAll(extra);
    return s;
  }

  /** The configuration as the processes see it, for the test to open the same database and store. */
  public ServerConfig config() throws IOException {
    Map<String, String> s = shared();
    s.put("data-dir", root.resolve("test").toString());
    return ConfigLoader.load(s, null, Map.of());
  }

  /** Starts a worker process and waits until its job server runs (its start line is logged). */
  public Process addWorker() throws Exception {
    return addWorker(Map.of());
  }

  /** A worker with its own settings on top of the shared ones, e.g. a longer shutdown grace. */
  public Process addWorker(Map<String, String> own) throws Exception {
    String name = "worker-" + workers.size();
    Map<String, String> settings = new HashMap<>(own);
    settings.put("server.role", "worker");
    Process p = launch(name, settings);
    workers.add(p);
    Path log = root.resolve(name).resolve("process.log");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.exists(log) || !Files.readString(log).contains("mouthpiece worker on")) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("worker did not start; see " + log);
      }
      Thread.sleep(200);
    }
    return p;
  }

  public Process worker(int i) {
    return workers.get(i);
  }

  private Process launch(String name, Map<String, String> role) throws IOException {
    Path dir = root.resolve(name);
    Files.createDirectories(dir);
    Map<String, String> s = shared();
    s.putAll(role);
    Files.writeString(dir.resolve("mouthpiece.properties"),
        s.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")) + "\n");
    return ServerProcess.launch(dir, "process.log");
  }

  @Override
  public void close() throws Exception {
    List<Process> all = new ArrayList<>(workers);
    all.add(apiProcess);
    for (Process p : all) {
      p.destroy(); // SIGTERM: the graceful path
    }
    for (Process p : all) {
      if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
    try {
      s3.close();
    } finally {
      pg.close();
    }
  }
}
