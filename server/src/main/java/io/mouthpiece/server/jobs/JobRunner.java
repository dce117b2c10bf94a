package io.mouthpiece.server.jobs;

import io.mouthpiece.engine.DaemonThreads;
import io.mouthpiece.server.config.ConfigLoader;
import io.mouthpiece.server.config.ServerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jobrunr.jobs.filters.JobFilter;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.server.JobSteward;
import org.jobrunr.server.tasks.steward.OnboardNewWorkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running side of the background job queue: this process's JobRunr job server, taking the
 * jobs of a {@link JobScheduler}'s queue and running them with the handlers it is given. Made
 * after the scheduler (the handlers may enqueue through it), and only where the role runs jobs.
 * A job whose process died is taken up again by a live runner (JobRunr's orphaned-job detection,
 * after four poll intervals), or at once by the next start of a process that knows it is the only
 * one ({@link JobScheduler#requeueAbandoned}).
 */
public final class JobRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  private static final long NUDGE_GAP_NS = 1_000_000_000L;
  private static final long HAND_BACK_WAIT_NS = 5_000_000_000L;
  private final JobScheduler scheduler;
  private final BackgroundJobServer server;
  /** JobRunr's step that takes enqueued jobs for this server's workers; null when out of reach. */
  private final OnboardNewWorkTask onboard;
  private final ExecutorService nudger = Executors.newSingleThreadExecutor(DaemonThreads.named("job-nudge"));
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("job-server-watchdog"));
  private final AtomicLong lastNudgeNs = new AtomicLong(System.nanoTime() - NUDGE_GAP_NS);
  private volatile boolean closing;

  /** @param handlers the job handler instances, by class, that jobs are run with */
  public JobRunner(JobScheduler scheduler, ServerConfig.Jobs jobs, Duration shutdownGrace,
      Map<Class<?>, Object> handlers, List<JobFilter> filters) {
    this.scheduler = scheduler;
    JobActivator activator = new JobActivator() {
      @Override
      public <T> T activateJob(Class<T> type) {
        return type.cast(handlers.get(type));
      }
    };
    server = new OutageProofJobServer(scheduler.storage(), scheduler.json(), activator,
        BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
            .andWorkerCount(jobs.workers())
            .andPollInterval(jobs.pollInterval())
            .andInterruptJobsAwaitDurationOnStopBackgroundJobServer(shutdownGrace));
    server.setJobFilters(filters);
    onboard = onboardingStep(server);
    scheduler.afterEnqueue(this::nudge);
  }

  public void start() {
    server.start();
    long everyMs = server.getConfiguration().getPollInterval().toMillis();
    watchdog.scheduleWithFixedDelay(this::restartIfStopped, everyMs, everyMs, TimeUnit.MILLISECONDS);
  }

  /**
   * JobRunr stops its own job server on a storage failure it deems unrecoverable (the database gone
   * for a while). Once the database answers again the server is started anew, so the node recovers
   * by itself; the jobs the stopped server held are taken up by orphaned-job detection.
   */
  private void restartIfStopped() {
    if (closing || server.isRunning() || !scheduler.databaseAnswers()) {
      return;
    }
    try {
      LOG.warn("the job server had stopped (database outage); starting it again");
      server.start();
    } catch (RuntimeException e) {
      LOG.warn("could not restart the job server yet: {}", e.toString());
    }
  }

  /**
   * Asks this process's job server to look for work now rather than at its next poll: without it, a
   * job enqueued while the workers are idle waits up to a poll interval (5 s at the least, JobRunr's
   * floor) before it starts. It runs JobRunr's own onboarding step, under its own lock, so nothing
   * is picked twice; JobRunr runs the same step itself only at a poll or when a worker falls idle.
   */
  private void nudge() {
    if (onboard == null) {
      return;
    }
    // At most one nudge a second. A job a nudge hands to the worker pool counts as occupying a
    // worker only once its thread starts, so back-to-back nudges (a burst of creates) would each
    // take one more job and park it in this process's pool queue, where no heartbeat keeps it
    // from being declared orphaned, and where no other process can take it.
    long now = System.nanoTime();
    long last = lastNudgeNs.get();
    if (now - last < NUDGE_GAP_NS || !lastNudgeNs.compareAndSet(last, now)) {
      return;
    }
    nudger.execute(() -> {
      try {
        onboard.runTaskThreadSafe();
      } catch (RuntimeException e) {
        // The storage failing as the step reads it: the next poll tries again, as it would have anyway.
        LOG.debug("could not nudge the job server: {}", e.toString());
      }
    });
  }

  /**
   * JobRunr's onboarding step, held in a private field of its job steward (made with the server,
   * kept across its restarts): JobRunr has no public way to run it. A JobRunr upgrade that moves it
   * makes each job enqueued on idle workers wait up to a poll interval, so that is said once, loudly,
   * rather than noticed as slowness (JobQueueNudgeTest fails on such an upgrade).
   */
  private static OnboardNewWorkTask onboardingStep(BackgroundJobServer server) {
    try {
      java.lang.reflect.Field f = JobSteward.class.getDeclaredField("onboardNewWorkTask");
      f.setAccessible(true);
      return (OnboardNewWorkTask) f.get(server.getJobSteward());
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("JobRunr's onboarding step is out of reach ({}): a job enqueued while the workers are idle starts at"
          + " the next poll, up to {} late", e.toString(),
          ConfigLoader.formatDuration(server.getConfiguration().getPollInterval()));
      return null;
    }
  }

  /** True when an enqueue starts the job at once (idle workers permitting) rather than at the next poll. */
  boolean nudges() {
    return onboard != null;
  }

  public boolean isRunning() {
    return server.isRunning();
  }

  /**
   * Stops taking jobs, waits up to the grace period for running ones, then interrupts them (they
   * run again later). The scheduler it was made from stays open: close it after this.
   */
  @Override
  public void close() {
    closing = true;
    scheduler.afterEnqueue(() -> {});
    watchdog.shutdownNow();
    nudger.shutdownNow();
    server.stop();
    awaitHandBacks();
  }

  /**
   * An interrupted job notices at its next progress step and records its hand-back (failed, to be
   * retried) only then, which JobRunr's stop does not wait for. Waiting a little for it lets another
   * worker retry the job within seconds; a process that exits first leaves the job to the
   * orphaned-job check, 20 s and more later.
   */
  private void awaitHandBacks() {
    long deadline = System.nanoTime() + HAND_BACK_WAIT_NS;
    try {
      while (server.getJobSteward().getOccupiedWorkerCount() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
