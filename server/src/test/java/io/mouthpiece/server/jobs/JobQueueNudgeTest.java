package io.mouthpiece.server.jobs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.server.TestServer;
import io.mouthpiece.server.config.ConfigLoader;
import io.mouthpiece.server.config.ServerConfig;
import io.mouthpiece.server.db.Database;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.junit.jupiter.api.Test;

/**
 * An enqueued job starts at once on idle workers, not at JobRunr's next poll (5 s apart): the
 * runner nudges JobRunr through a private field of its job steward, which a JobRunr upgrade may
 * move. This test is where such an upgrade shows.
 */
class JobQueueNudgeTest {
  /** Well under the poll interval: a job that waited for the poll would take up to 5 s. */
  private static final long PROMPT_START_MS = 1500;
  /** Between one enqueue's return and the next: more than JobRunner's 1 s between nudges. */
  private static final long NUDGE_SPACING_NS = 1_300_000_000L;

  /** A job that only says when it ran. */
  public static final class Ping implements JobRequest {
    public String name;

    public Ping() {}

    Ping(String name) {
      this.name = name;
    }

    @Override
    public Class<PingHandler> getJobRequestHandler() {
      return PingHandler.class;
    }
  }

  /** When each ping ran, by name. */
  public static final class PingHandler implements JobRequestHandler<Ping> {
    final Map<String, Long> ranAtNs = new ConcurrentHashMap<>();

    @Override
    public void run(Ping ping) {
      ranAtNs.put(ping.name, System.nanoTime());
    }
  }

  @Test
  void theNudgeReachesJobRunrsOnboardingStep() throws Exception {
    ServerConfig config = config();
    try (Database db = Database.open(config); JobScheduler jobs = new JobScheduler(db.dataSource());
        JobRunner runner = runner(jobs, config, new PingHandler())) {
      assertTrue(runner.nudges(), "JobRunr's JobSteward.onboardNewWorkTask is out of reach (a JobRunr upgrade?):"
          + " new jobs would wait for the next poll; find JobRunr's new way to look for work now");
    }
  }

  @Test
  void jobsEnqueuedOnIdleWorkersStartBeforeThePoll() throws Exception {
    PingHandler handler = new PingHandler();
    ServerConfig config = config();
    try (Database db = Database.open(config); JobScheduler jobs = new JobScheduler(db.dataSource());
        JobRunner runner = runner(jobs, config, handler)) {
      runner.start();
      // Three jobs, each enqueued once the one before has run and 1.3 s after that one's enqueue
      // returned (the nudges must be further apart than their own 1 s gap), each to start within
      // 1.5 s: polls 5 s apart could start at most one of them in time.
      long lastReturnedNs = 0;
      for (int i = 0; i < 3; i++) {
        Thread.sleep(Math.max(0, (lastReturnedNs + NUDGE_SPACING_NS - System.nanoTime()) / 1_000_000));
        String name = "ping-" + i;
        long enqueuedNs = System.nanoTime();
        jobs.enqueue(UUID.randomUUID(), new Ping(name));
        lastReturnedNs = System.nanoTime();
        long deadlineNs = enqueuedNs + TimeUnit.SECONDS.toNanos(10);
        while (!handler.ranAtNs.containsKey(name) && System.nanoTime() < deadlineNs) {
          Thread.sleep(10);
        }
        assertTrue(handler.ranAtNs.containsKey(name), name + " did not run within 10 s");
        long waitedMs = (handler.ranAtNs.get(name) - enqueuedNs) / 1_000_000;
        System.out.printf("%s started %d ms after its enqueue%n", name, waitedMs);
        assertTrue(waitedMs < PROMPT_START_MS, name + " started " + waitedMs + " ms after its enqueue: it waited for"
            + " the poll instead of being nudged");
      }
    }
  }

  private static ServerConfig config() throws Exception {
    return ConfigLoader.load(TestServer.settings(TestServer.newDataDir(), Map.of()), null, Map.of());
  }

  private static JobRunner runner(JobScheduler jobs, ServerConfig config, PingHandler handler) {
    return new JobRunner(jobs, config.jobs(), Duration.ofSeconds(2), Map.of(PingHandler.class, handler), List.of());
  }
}
