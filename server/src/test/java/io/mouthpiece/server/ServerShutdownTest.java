package io.mouthpiece.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.server.config.ConfigLoader;
import io.mouthpiece.server.config.ServerConfig;
import io.mouthpiece.server.db.Database;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM on an idle server, as an operator stops it: the stop runs to its end and the process
 * exits 0, its log quiet (no WARN, no ERROR, no stack trace). The embedded database used to be
 * closed by H2's own shutdown hook while ours still stopped the job server, which writes to it:
 * "Database is already closed" with a stack trace on most stops, and always exit 143.
 */
class ServerShutdownTest {
  @Test
  void sigtermOnAnIdleServerStopsCleanlyWithExitZero() throws Exception {
    Path dataDir = TestServer.newDataDir();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.writeString(dataDir.resolve("mouthpiece.properties"), "server.port=" + port + "\n");
    Process server = ServerProcess.launch(dataDir, "serve.log");
    try {
      new Api("http://127.0.0.1:" + port).awaitHealthy(server, Duration.ofSeconds(60));
      awaitLogged(dataDir.resolve("serve.log"), ServerProcess.STOPPABLE, Duration.ofSeconds(30));
      awaitJobServerRegistered(dataDir, Duration.ofSeconds(30));
      server.destroy(); // SIGTERM
      assertTrue(server.waitFor(30, TimeUnit.SECONDS), "an idle server stops within 30 s of SIGTERM");
    } finally {
      server.destroyForcibly();
    }
    List<String> log = Files.readAllLines(dataDir.resolve("serve.log"));
    String all = String.join("\n", log);
    assertEquals(0, server.exitValue(), "a graceful stop is a success:\n" + all);
    assertTrue(all.contains("\"formattedMessage\":\"stopped\""), "the server's close ran to its end:\n" + all);
    for (String line : log) {
      assertFalse(line.contains("\tat "), "no stack trace:\n" + all);
      // Every line is one JSON object (logback's encoder); anything else was printed around the logger.
      JsonNode entry = Api.JSON.readTree(line);
      assertFalse(List.of("WARN", "ERROR").contains(entry.path("level").asText()), "an idle stop is quiet:\n" + line);
      assertTrue(entry.path("throwable").isNull(), "no exception logged, at any level:\n" + line);
    }
  }

  private static void awaitLogged(Path log, String message, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (!Files.readString(log).contains(message)) {
      assertTrue(System.nanoTime() < deadline, "'" + message + "' not logged within " + within);
      Thread.sleep(50);
    }
  }

  /**
   * Waits until the job server has registered itself in the database, the last step of a start:
   * from then on the server is idle. Read through H2's auto-server, as `mouthpiece accounts` does.
   */
  private static void awaitJobServerRegistered(Path dataDir, Duration within) throws Exception {
    ServerConfig config = ConfigLoader.load(Map.of("data-dir", dataDir.toString()), null, Map.of());
    long deadline = System.nanoTime() + within.toNanos();
    try (Database db = Database.open(config)) {
      while (db.queryOne("SELECT COUNT(*) FROM jobrunr_backgroundjobservers", rs -> rs.getInt(1)).orElse(0) == 0) {
        assertTrue(System.nanoTime() < deadline, "the job server did not register within " + within);
        Thread.sleep(100);
      }
    }
  }
}
