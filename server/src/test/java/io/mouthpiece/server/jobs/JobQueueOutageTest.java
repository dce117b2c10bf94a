package io.mouthpiece.server.jobs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.server.TestServer;
import io.mouthpiece.server.config.ConfigLoader;
import io.mouthpiece.server.config.ServerConfig;
import io.mouthpiece.server.db.Database;
import io.mouthpiece.server.scale.PostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.junit.jupiter.api.Test;

/**
 * The job server keeps all its duties through a database outage in its first second, before
 * JobRunr has read (or even written) its schema version: a job scheduled after the database is
 * back still runs, which needs the leader's scheduled-jobs duty and the steward. On JobRunr alone
 * they died silently in that case (see {@link OutageProofJobServer}): this test failed every time.
 */
class JobQueueOutageTest {
  /** A job that only says it ran. */
  public static final class Ping implements JobRequest {
    @Override
    public Class<PingHandler> getJobRequestHandler() {
      return PingHandler.class;
    }
  }

  /** Counts the pings it ran. */
  public static final class PingHandler implements JobRequestHandler<Ping> {
    final CountDownLatch ran = new CountDownLatch(1);

    @Override
    public void run(Ping ping) {
      ran.countDown();
    }
  }

  @Test
  void aJobScheduledAfterAnOutageInTheFirstSecondRuns() throws Exception {
    PingHandler handler = new PingHandler();
    try (PostgresServer pg = PostgresServer.start()) {
      ServerConfig config = ConfigLoader.load(TestServer.settings(TestServer.newDataDir(),
          Map.of("database.url", pg.jdbcUrl(), "database.user", "postgres")), null, Map.of());
      try (Database db = Database.open(config);
          JobScheduler jobs = new JobScheduler(db.dataSource());
          JobRunner runner = new JobRunner(jobs, config.jobs(), Duration.ofSeconds(2),
              Map.of(PingHandler.class, handler), List.of())) {
        long startNs = System.nanoTime();
        runner.start();
        // The server announces itself at once and first checks that it is ready one second later;
        // the database is down from before that check until its connection timeout (3 s) has run
        // out, and back before the server's own heartbeat (every 5 s) would give up on it.
        long deadline = startNs + Duration.ofSeconds(10).toNanos();
        while (db.queryOne("SELECT COUNT(*) FROM jobrunr_backgroundjobservers", rs -> rs.getInt(1)).orElse(0) == 0) {
          assertTrue(System.nanoTime() < deadline, "the job server did not announce itself");
          Thread.sleep(20);
        }
        pg.stop();
        long stoppedMs = (System.nanoTime() - startNs) / 1_000_000;
        // Down until 5 s after the start (the outage itself, not a wait for something); a slow start
        // that announced late still gets a real outage of at least its connection timeout.
        Thread.sleep(Math.max(3000, 5000 - stoppedMs));
        pg.startAgain();
        System.out.printf("job server outage: database down from %d ms to %d ms after the start%n", stoppedMs,
            (System.nanoTime() - startNs) / 1_000_000);

        jobs.schedule(Instant.now(), new Ping());
        assertTrue(handler.ran.await(30, TimeUnit.SECONDS), "a job scheduled after the outage did not run within 30 s");
      }
    }
  }
}
