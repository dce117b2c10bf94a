package io.mouthpiece.server;

import io.mouthpiece.server.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;

/** The service as its own process, for the crash test: {@code ServerProcess DATA_DIR} (settings in DATA_DIR/mouthpiece.properties). */
public final class ServerProcess {
  private ServerProcess() {}

  public static void main(String[] args) throws Exception {
    MouthpieceServer server = MouthpieceServer.start(ConfigLoader.load(Map.of("data-dir", args[0]), null, System.getenv()));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
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
