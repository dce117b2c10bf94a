package io.mouthpiece.server;

import io.mouthpiece.server.auth.AccountKeys;
import io.mouthpiece.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
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
    return start(newDataDir(), settings, Clock.systemUTC());
  }

  /** One whose wall clock (what dates and expires sessions, tasks and files) is {@code clock}. */
  public static TestServer start(Map<String, String> settings, Clock clock) throws IOException {
    return start(newDataDir(), settings, clock);
  }

  /** A server on a data dir the test prepared (a fresh one has no account yet: one is made). */
  public static TestServer start(Path dataDir, Map<String, String> settings) throws IOException {
    return start(dataDir, settings, Clock.systemUTC());
  }

  private static TestServer start(Path dataDir, Map<String, String> settings, Clock clock) throws IOException {
    return new TestServer(MouthpieceServer.start(ConfigLoader.load(settings(dataDir, settings), null, Map.of()), clock),
        dataDir);
  }

  /** The files in the data dir's temp folder, where downloads, uploads and renders are written before they are kept. */
  public List<String> tempFiles() throws IOException {
    return tempFiles(dataDir);
  }

  /** The same for any data dir. */
  public static List<String> tempFiles(Path dataDir) throws IOException {
    Path tmp = dataDir.resolve("files").resolve(".tmp");
    if (!Files.isDirectory(tmp)) {
      return List.of();
    }
    try (var files = Files.walk(tmp)) {
      return files.filter(Files::isRegularFile).map(p -> tmp.relativize(p).toString()).sorted().toList();
    }
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
