package io.mouthpiece.server;

import io.mouthpiece.server.config.ConfigLoader;
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
}
