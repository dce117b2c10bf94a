package io.mouthpiece.server.config;

import io.mouthpiece.engine.speech.SpeechConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the service can be told, with its defaults, grouped by concern. Built by
 * {@link ConfigLoader} from defaults, a config file, environment variables and command-line flags;
 * {@link #checkValidity()} is the one place values are checked.
 */
public record ServerConfig(Http http, Role role, Path dataDir, Database database, Storage storage, Jobs jobs, Fetch fetch,
    Media media, Retention retention, Callbacks callbacks, Accounts accounts, Speech speech) {

  /**
   * What this process does: serve the API, run the jobs (lip-syncs, callback retries, retention),
   * or both. Several processes of any role share one PostgreSQL and one object store.
   */
  public enum Role {
    API, WORKER, BOTH;

    public boolean servesApi() {
      return this != WORKER;
    }

    public boolean runsJobs() {
      return this != API;
    }
  }

  /** Where and how to listen. {@code publicUrl} prefixes the URLs the API hands out (empty: http://host:port). */
  public record Http(String host, int port, String publicUrl, long maxJsonBytes, long maxUploadBytes,
      Duration shutdownGrace) {}

  /**
   * The database: empty url means the embedded H2 file database under the data dir.
   * {@code connectTimeout} bounds how long a request waits for a connection when the database is
   * down, so it answers 503/5001 quickly instead of hanging.
   */
  public record Database(String url, String user, String password, int poolSize, Duration connectTimeout) {}

  /**
   * Where stored files live: an empty bucket means the local directory {@code DATA_DIR/files};
   * else an S3-compatible bucket ({@code endpoint} empty: AWS itself).
   */
  public record Storage(String bucket, String endpoint, String region, String accessKey, String secretKey,
      boolean pathStyle) {
    public boolean isS3() {
      return !bucket.isBlank();
    }
  }

  /**
   * The background job queue (JobRunr): workers per process, how often it polls the database
   * (JobRunr's floor is 5 s), and the nice value render threads run at (0: unchanged).
   */
  public record Jobs(int workers, Duration pollInterval, int renderNice) {}

  /** Downloads of video_url / sound_file: bounds, and whether private addresses may be fetched. */
  public record Fetch(boolean allowPrivateAddresses, Duration timeout, int maxRedirects) {}

  /** Kling's video and audio rules, configurable. */
  public record Media(long maxVideoBytes, long minVideoMs, long maxVideoMs, int minSidePx, int maxSidePx,
      long maxAudioBytes, int identifyConcurrency) {}

  /**
   * How long things are kept; a sweep deletes them (rows and files) every {@code sweepEvery}.
   * {@code analyses}: a video's analysis kept for later tasks on the same video (about 60 MB a
   * minute of 720p with one face); zero keeps none, and every task analyses its video anew.
   */
  public record Retention(Duration results, Duration sessions, Duration sweepEvery, Duration analyses) {
    /** Whether videos' analyses are kept at all. */
    public boolean keepsAnalyses() {
      return !analyses.isZero();
    }
  }

  /** Callback delivery: per-attempt timeout, retry window, and the Standard Webhooks secret (empty: unsigned). */
  public record Callbacks(Duration timeout, int retries, String webhookSecret) {}

  /**
   * Per-account limits: tasks submitted or processing at once, and API requests a second (bursts
   * of twice that; counted by each API process on its own); 0: no limit.
   */
  public record Accounts(int maxTasksInFlight, double maxRequestsPerSecond) {}

  /** The embedded H2 URL used when no database URL is configured. */
  /**
   * Text to speech: the synthesiser's command line as an operator writes it (placeholders
   * {@code {out} {voice} {lang} {speed} {wpm} {text}}; see {@link SpeechConfig}) and how long one
   * synthesis may take.
   */
  public record Speech(String command, Duration timeout) {
    /** As the engine takes it. */
    public SpeechConfig config() {
      return SpeechConfig.DEFAULT.withCommand(SpeechConfig.parseCommand(command)).withTimeout(timeout);
    }
  }

  public String jdbcUrl() {
    if (!database.url().isBlank()) {
      return database.url();
    }
    // AUTO_SERVER lets `mouthpiece accounts` open the database while `serve` runs. WRITE_DELAY=0:
    // a commit is in the file when it returns (H2 writes them out up to seconds later otherwise), so
    // a create answered 200 survives a kill -9. async: writes through an AsynchronousFileChannel: a
    // FileChannel is closed when the thread writing to it is interrupted (a job stopped at shutdown),
    // and H2 then closes the whole database under every other thread.
    return "jdbc:h2:file:async:" + dataDir.resolve("db").resolve("mouthpiece").toAbsolutePath()
        + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
  }

  /** The base of every URL the API hands out, without a trailing slash. */
  public String baseUrl(int boundPort) {
    if (!http.publicUrl().isBlank()) {
      return http.publicUrl().replaceAll("/+$", "");
    }
    String host = http.host().contains(":") ? "[" + http.host() + "]" : http.host();
    return "http://" + ("0.0.0.0".equals(http.host()) ? "127.0.0.1" : host) + ":" + boundPort;
  }

  /** Throws with the setting's name and the rule when a value is out of range. */
  public ServerConfig checkValidity() {
    require(http.port() >= 0 && http.port() <= 65535, "server.port", "must be 0 to 65535, got " + http.port());
    require(http.maxJsonBytes() >= 1024, "server.max-json-bytes", "must be at least 1024");
    require(!(role == Role.WORKER && http.publicUrl().isBlank()), "server.public-url",
        "is required with server.role=worker: the result URLs a worker puts in callbacks point at an API node");
    require(database.connectTimeout().toMillis() >= 250, "database.connect-timeout", "must be at least 250ms");
    require(role == Role.BOTH || !database.url().isBlank(), "server.role",
        "api and worker need a shared database (database.url); the embedded one belongs to one process");
    require(database.poolSize() >= 2, "database.pool-size", "must be at least 2");
    require(jobs.workers() >= 1 && jobs.workers() <= 64, "jobs.workers", "must be 1 to 64, got " + jobs.workers());
    require(jobs.pollInterval().toMillis() >= 5000, "jobs.poll-interval", "must be at least 5s (JobRunr's floor)");
    require(media.minVideoMs() < media.maxVideoMs(), "media.min-video-ms", "must be below media.max-video-ms");
    require(media.minSidePx() <= media.maxSidePx(), "media.min-side-px", "must be at most media.max-side-px");
    require(media.identifyConcurrency() >= 1, "media.identify-concurrency", "must be at least 1");
    require(jobs.renderNice() >= 0 && jobs.renderNice() <= 19, "jobs.render-nice", "must be 0 to 19");
    require(accounts.maxTasksInFlight() >= 0, "accounts.max-tasks-in-flight", "must be 0 (no limit) or more");
    require(accounts.maxRequestsPerSecond() >= 0, "accounts.max-requests-per-second", "must be 0 (no limit) or more");
    require(!retention.analyses().isNegative(), "retention.analyses", "must be 0s (keep none) or more");
    require(callbacks.retries() >= 0 && callbacks.retries() <= 20, "callbacks.retries", "must be 0 to 20");
    try {
      speech.config().checkValidity();
    } catch (IllegalArgumentException e) {
      String why = e.getMessage();
      require(false, why.startsWith("timeout") ? "tts.timeout" : "tts.command", why.substring(why.indexOf(": ") + 2));
    }
    return this;
  }

  private static void require(boolean ok, String name, String rule) {
    if (!ok) {
      throw new IllegalArgumentException(name + ": " + rule);
    }
  }
}
