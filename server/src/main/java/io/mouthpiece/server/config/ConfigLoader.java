package io.mouthpiece.server.config;

import io.mouthpiece.engine.speech.SpeechConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads a {@link ServerConfig}: each setting is taken from the first of command-line overrides,
 * the environment ({@code server.port} is {@code MOUTHPIECE_SERVER_PORT}), the config file
 * ({@code --config}, else {@code DATA_DIR/mouthpiece.properties} if present), the default below.
 * {@link #DEFAULTS} is the documented list: every key the service reads is in it.
 */
public final class ConfigLoader {
  /** Every setting and its default, in the order the README lists them. */
  public static final Map<String, String> DEFAULTS = defaults();

  private final Map<String, String> values = new TreeMap<>();

  private ConfigLoader() {}

  private static Map<String, String> defaults() {
    Map<String, String> d = new java.util.LinkedHashMap<>();
    d.put("server.host", "127.0.0.1");
    d.put("server.port", "8080");
    d.put("server.public-url", "");
    d.put("server.max-json-bytes", "8000000");
    d.put("server.max-upload-bytes", "110000000");
    d.put("server.shutdown-grace", "30s");
    d.put("server.role", "both");
    d.put("data-dir", "mouthpiece-data");
    d.put("database.url", "");
    d.put("database.user", "sa");
    d.put("database.password", "");
    d.put("database.pool-size", "10");
    d.put("database.connect-timeout", "3s");
    d.put("storage.s3.bucket", "");
    d.put("storage.s3.endpoint", "");
    d.put("storage.s3.region", "us-east-1");
    d.put("storage.s3.access-key", "");
    d.put("storage.s3.secret-key", "");
    d.put("storage.s3.path-style", "true");
    d.put("jobs.workers", "1");
    d.put("jobs.poll-interval", "5s");
    d.put("jobs.render-nice", "10");
    d.put("fetch.allow-private-addresses", "false");
    d.put("fetch.timeout", "60s");
    d.put("fetch.max-redirects", "3");
    d.put("media.max-video-bytes", "104857600");
    d.put("media.min-video-ms", "2000");
    d.put("media.max-video-ms", "60000");
    d.put("media.min-side-px", "512");
    d.put("media.max-side-px", "2160");
    d.put("media.max-audio-bytes", "5242880");
    d.put("media.identify-concurrency", "1");
    d.put("retention.results", "30d");
    d.put("retention.sessions", "24h");
    d.put("retention.sweep-every", "10m");
    d.put("retention.analyses", "30d");
    d.put("callbacks.timeout", "10s");
    d.put("callbacks.retries", "7");
    d.put("callbacks.webhook-secret", "");
    d.put("accounts.max-tasks-in-flight", "0");
    d.put("accounts.max-requests-per-second", "0");
    d.put("tts.command", String.join(" ", SpeechConfig.DEFAULT_COMMAND));
    d.put("tts.timeout", formatDuration(SpeechConfig.DEFAULT_TIMEOUT));
    return java.util.Collections.unmodifiableMap(d);
  }

  /**
   * The configuration: {@code overrides} are command-line values by key ({@code server.port},
   * {@code data-dir}); {@code configFile} may be null.
   */
  public static ServerConfig load(Map<String, String> overrides, Path configFile, Map<String, String> env)
      throws IOException {
    ConfigLoader loader = new ConfigLoader();
    loader.values.putAll(DEFAULTS);
    String dataDir = firstOf(overrides, env, null, "data-dir");
    Path file = configFile;
    if (file == null) {
      Path candidate = Path.of(dataDir != null ? dataDir : DEFAULTS.get("data-dir")).resolve("mouthpiece.properties");
      file = Files.isRegularFile(candidate) ? candidate : null;
    }
    if (file != null) {
      Properties props = new Properties();
      try (Reader r = Files.newBufferedReader(file)) {
        props.load(r);
      }
      for (String key : props.stringPropertyNames()) {
        if (!DEFAULTS.containsKey(key)) {
          throw new IllegalArgumentException(file + ": unknown setting " + key + " (known: " + DEFAULTS.keySet() + ")");
        }
        loader.values.put(key, props.getProperty(key).trim());
      }
    }
    for (String key : DEFAULTS.keySet()) {
      String fromEnv = env.get(envName(key));
      if (fromEnv != null) {
        loader.values.put(key, fromEnv);
      }
    }
    overrides.forEach((k, v) -> {
      if (v != null) {
        loader.values.put(k, v);
      }
    });
    return loader.build().checkValidity();
  }

  /** {@code server.port} → {@code MOUTHPIECE_SERVER_PORT}. */
  public static String envName(String key) {
    return "MOUTHPIECE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static String firstOf(Map<String, String> overrides, Map<String, String> env, String fallback, String key) {
    if (overrides.get(key) != null) {
      return overrides.get(key);
    }
    return env.getOrDefault(envName(key), fallback);
  }

  private ServerConfig build() {
    return new ServerConfig(
        new ServerConfig.Http(str("server.host"), integer("server.port"), str("server.public-url"),
            lng("server.max-json-bytes"), lng("server.max-upload-bytes"), duration("server.shutdown-grace")),
        role(),
        Path.of(str("data-dir")).toAbsolutePath(),
        new ServerConfig.Database(str("database.url"), str("database.user"), str("database.password"),
            integer("database.pool-size"), duration("database.connect-timeout")),
        new ServerConfig.Storage(str("storage.s3.bucket"), str("storage.s3.endpoint"), str("storage.s3.region"),
            str("storage.s3.access-key"), str("storage.s3.secret-key"), bool("storage.s3.path-style")),
        new ServerConfig.Jobs(integer("jobs.workers"), duration("jobs.poll-interval"), integer("jobs.render-nice")),
        new ServerConfig.Fetch(bool("fetch.allow-private-addresses"), duration("fetch.timeout"),
            integer("fetch.max-redirects")),
        new ServerConfig.Media(lng("media.max-video-bytes"), lng("media.min-video-ms"), lng("media.max-video-ms"),
            integer("media.min-side-px"), integer("media.max-side-px"), lng("media.max-audio-bytes"),
            integer("media.identify-concurrency")),
        new ServerConfig.Retention(duration("retention.results"), duration("retention.sessions"),
            duration("retention.sweep-every"), duration("retention.analyses")),
        new ServerConfig.Callbacks(duration("callbacks.timeout"), integer("callbacks.retries"),
            str("callbacks.webhook-secret")),
        new ServerConfig.Accounts(integer("accounts.max-tasks-in-flight"), dbl("accounts.max-requests-per-second")),
        new ServerConfig.Speech(str("tts.command"), duration("tts.timeout")));
  }

  private ServerConfig.Role role() {
    try {
      return ServerConfig.Role.valueOf(str("server.role").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("server.role: must be api, worker or both, got '" + str("server.role") + "'");
    }
  }

  private String str(String key) {
    return values.get(key).trim();
  }

  private int integer(String key) {
    return (int) lng(key);
  }

  private long lng(String key) {
    try {
      return Long.parseLong(str(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": must be a whole number, got '" + str(key) + "'");
    }
  }

  private double dbl(String key) {
    try {
      double v = Double.parseDouble(str(key));
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": must be a number, got '" + str(key) + "'");
    }
  }

  private boolean bool(String key) {
    String v = str(key).toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException(key + ": must be true or false, got '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }

  /** "500ms", "10s", "10m", "24h", "30d". */
  private Duration duration(String key) {
    return parseDuration(key, str(key));
  }

  /**
   * A duration as the settings write it ("500ms", "30s", "10m", "24h", "30d"): the largest unit
   * that holds it whole (days from two on: a day is said "24h"), so what a message says can be
   * pasted into the configuration.
   */
  public static String formatDuration(Duration d) {
    long ms = d.toMillis();
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
    String[] units = {"d", "h", "m", "s"};
    for (int i = ms < 2 * sizes[0] ? 1 : 0; i < sizes.length; i++) {
      if (ms != 0 && ms % sizes[i] == 0) {
        return ms / sizes[i] + units[i];
      }
    }
    return ms + "ms";
  }

  /** Parses "500ms", "10s", "10m", "24h", "30d"; the key names the setting in the error. */
  public static Duration parseDuration(String key, String v) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(v);
    if (!m.matches()) {
      throw new IllegalArgumentException(key + ": must be a duration like 500ms, 10s, 10m, 24h or 30d, got '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
