package io.mouthpiece.app.cli;

import io.mouthpiece.server.config.ConfigLoader;
import io.mouthpiece.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that say where the service keeps its data and settings; shared by serve and accounts. */
final class ConfigOptions {
  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where everything is kept: the embedded database, uploads, face crops, results "
          + "(default: ./mouthpiece-data, or MOUTHPIECE_DATA_DIR).")
  Path dataDir;

  @Option(names = "--config", paramLabel = "FILE",
      description = "A properties file of settings (default: DATA_DIR/mouthpiece.properties if it exists). "
          + "Environment variables MOUTHPIECE_<KEY> override it; see the README's table.")
  Path configFile;

  /** The configuration: these options and {@code more} over the environment, the file and the defaults. */
  ServerConfig load(Map<String, String> more) throws IOException {
    Map<String, String> overrides = new HashMap<>(more);
    if (dataDir != null) {
      overrides.put("data-dir", dataDir.toString());
    }
    return ConfigLoader.load(overrides, configFile, System.getenv());
  }

  /**
   * The configuration for a command that only reads or changes what is there (accounts list,
   * disable): refuses, naming the folder, when the embedded database does not exist yet, rather
   * than creating an empty data dir where the user happened to stand.
   */
  ServerConfig loadExisting() throws IOException {
    ServerConfig config = load(Map.of());
    if (config.database().url().isBlank() && !Files.isDirectory(config.dataDir().resolve("db"))) {
      throw new IllegalArgumentException("--data-dir: no service data in " + config.dataDir().toAbsolutePath()
          + " (`mouthpiece serve` or `mouthpiece accounts create` makes it there; point --data-dir at it)");
    }
    return config;
  }
}
