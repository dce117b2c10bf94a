package io.mouthpiece.server;

import io.mouthpiece.server.auth.AccountKeys;
import io.mouthpiece.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A real server for tests, in this JVM, on a random loopback port, with its own data dir under
 * target/. Private addresses may be fetched (the media host and callback receiver are on
 * loopback); the queue polls at JobRunr's floor, every 5 s.
 */
public final class TestServer implements AutoCloseable {
  public final MouthpieceServer server;
  public final AccountKeys keys;
  public final Api api;
  public final Path dataDir;

  private TestServer(MouthpieceServer server, Path dataDir) {
    this.server = server;
    this.dataDir = dataDir;
    this.keys = server.firstAccount().orElseThrow();
    this.api = new Api(server.baseUrl());
  }

  public static TestServer start(Map<String, String> settings) throws IOException {
    return start(settings, Clock.systemUTC());
  }

  /** One whose wall clock (what dates and expires sessions, tasks and files) is {@code clock}. */
  public static TestServer start(Map<String, String> settings, Clock clock) throws IOException {
    Path dataDir = newDataDir();
    return new TestServer(MouthpieceServer.start(ConfigLoader.load(settings(dataDir, settings), null, Map.of()), clock),
        dataDir);
  }

  /** The settings every test server has, with {@code extra} on top. */
  public static Map<String, String> settings(Path dataDir, Map<String, String> extra) {
    Map<String, String> s = new HashMap<>();
    s.put("data-dir", dataDir.toString());
    s.put("server.port", "0");
    s.put("fetch.allow-private-addresses", "true");
    s.put("server.shutdown-grace", "2s");
    s.putAll(extra);
    return s;
  }

  public static Path newDataDir() throws IOException {
    Path base = Path.of("target", "server-data").toAbsolutePath();
    Files.createDirectories(base);
    return Files.createTempDirectory(base, "data-");
  }

  @Override
  public void close() {
    server.close();
  }
}
