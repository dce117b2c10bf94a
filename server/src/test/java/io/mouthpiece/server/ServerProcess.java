package io.mouthpiece.server;

import io.mouthpiece.server.auth.AccountKeys;
import io.mouthpiece.server.auth.AccountStore;
import io.mouthpiece.server.config.ConfigLoader;
import io.mouthpiece.server.db.Database;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * The service as its own process, stopped as {@code mouthpiece serve} is: {@code ServerProcess DATA_DIR}
 * (settings in DATA_DIR/mouthpiece.properties).
 */
public final class ServerProcess {
  /** Logged once SIGTERM stops the process gracefully (before, the JVM's default handling applies). */
  public static final String STOPPABLE = "serving; SIGTERM stops it gracefully";

  private ServerProcess() {}

  public static void main(String[] args) throws Exception {
    MouthpieceServer server = MouthpieceServer.start(ConfigLoader.load(Map.of("data-dir", args[0]), null, System.getenv()));
    CountDownLatch stopped = StopSignals.closeOnStop(server);
    LoggerFactory.getLogger(ServerProcess.class).info(STOPPABLE);
    stopped.await();
    System.exit(0);
  }

  /** Starts it; its output goes to {@code DATA_DIR/<logName>}. */
  public static Process launch(Path dataDir, String logName) throws java.io.IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
        ServerProcess.class.getName(), dataDir.toString());
    pb.environment().put("MALLOC_ARENA_MAX", "2");
    pb.redirectErrorStream(true).redirectOutput(dataDir.resolve(logName).toFile());
    return pb.start();
  }

  /** A data dir for a service of its own process: its settings, a free port, one account and a client. */
  public record Prepared(Path dataDir, int port, AccountKeys keys, Api api) {}

  /**
   * Prepares a data dir as an operator would: settings in DATA_DIR/mouthpiece.properties (a free
   * port, private addresses allowed for the test's local hosts, then {@code settings}) and one
   * account, made as `mouthpiece accounts create` does.
   */
  public static Prepared prepare(String accountName, String... settings) throws Exception {
    Path dataDir = TestServer.newDataDir();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.writeString(dataDir.resolve("mouthpiece.properties"), "server.port=" + port
        + "\nfetch.allow-private-addresses=true\n" + String.join("\n", settings) + "\n");
    AccountKeys keys;
    try (Database db = Database.open(ConfigLoader.load(Map.of("data-dir", dataDir.toString()), null, Map.of()))) {
      keys = new AccountStore(db).create(accountName);
    }
    return new Prepared(dataDir, port, keys, new Api("http://127.0.0.1:" + port));
  }
}
