package io.mouthpiece.server.jobs;

import io.mouthpiece.engine.DaemonThreads;
import io.mouthpiece.server.config.ConfigLoader;
import io.mouthpiece.server.config.ServerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.JobFilter;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.jobs.states.EnqueuedState;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.server.JobSteward;
import org.jobrunr.server.tasks.steward.OnboardNewWorkTask;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.Paging;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background job queue: JobRunr on the service's own SQL database (its jobrunr_* tables, which
 * JobRunr creates and migrates itself on H2 and PostgreSQL alike). Any number of processes on one
 * PostgreSQL share the queue; a job whose process died is taken up again by a live one (JobRunr's
 * orphaned-job detection, after four poll intervals), or at once by the next start of a process
 * that knows it is the only one ({@link #requeueAbandoned}). A process that only serves the API
 * ({@code runsJobs} false) enqueues but has no job server: the workers' servers take its jobs at
 * their next poll. Built from parts, without JobRunr's static facade, so nothing global is left behind.
 */
public final class JobQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);
  private final StorageProvider storage;
  private final JobRequestScheduler scheduler;
  private final BackgroundJobServer server;
  private final java.util.concurrent.ExecutorService nudger =
      java.util.concurrent.Executors.newSingleThreadExecutor(DaemonThreads.named("job-nudge"));
  private final java.util.concurrent.ScheduledExecutorService watchdog =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("job-server-watchdog"));
  private final DataSource dataSource;
  private volatile boolean closing;
  /** JobRunr's step that takes enqueued jobs for this server's workers; null without a job server or when out of reach. */
  private final OnboardNewWorkTask onboard;
  private static final long NUDGE_GAP_NS = 1_000_000_000L;
  private static final long HAND_BACK_WAIT_NS = 5_000_000_000L;
  private final java.util.concurrent.atomic.AtomicLong lastNudgeNs = new java.util.concurrent.atomic.AtomicLong(
      System.nanoTime() - NUDGE_GAP_NS);

  /** @param handlers the job handler instances, by class, that jobs are run with */
  public JobQueue(DataSource dataSource, ServerConfig.Jobs jobs, boolean runsJobs, Duration shutdownGrace,
      Map<Class<?>, Object> handlers, List<JobFilter> filters) {
    this.dataSource = dataSource;
    JsonMapper json = new JacksonJsonMapper();
    storage = SqlStorageProviderFactory.using(dataSource);
    storage.setJobMapper(new JobMapper(json));
    scheduler = new JobRequestScheduler(storage, List.of());
    JobActivator activator = new JobActivator() {
      @Override
      public <T> T activateJob(Class<T> type) {
        return type.cast(handlers.get(type));
      }
    };
    if (!runsJobs) {
      server = null;
      onboard = null;
      return;
    }
    server = new OutageProofJobServer(storage, json, activator,
        BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
            .andWorkerCount(jobs.workers())
            .andPollInterval(jobs.pollInterval())
            .andInterruptJobsAwaitDurationOnStopBackgroundJobServer(shutdownGrace));
    server.setJobFilters(filters);
    onboard = onboardingStep(server);
  }

  /**
   * Hands back what dead processes' job servers were running, at once instead of after JobRunr's
   * orphaned-job check (four poll intervals, then a retry's backoff) and ahead of the work queued
   * since: every job still marked processing is marked failed (the death counts as one of its
   * tries, so a job that brings the process down each time still runs out of them) and enqueued
   * again as of its first enqueue, and JobRunr takes the oldest enqueued job first. The dead
   * servers are unregistered, so this one leads at once (scheduled retries, recurring jobs).
   *
   * <p>Only for a process that knows no other process runs jobs on this database, and before
   * {@link #start}: a live peer's running job looks exactly the same. Returns the jobs handed back.
   */
  public List<UUID> requeueAbandoned() {
    storage.removeTimedOutBackgroundJobServers(Instant.now().plusSeconds(1)); // every one: none is alive
    List<UUID> requeued = new ArrayList<>();
    List<Job> running;
    while (!(running = storage.getJobList(StateName.PROCESSING, Paging.AmountBasedList.ascOnUpdatedAt(100))).isEmpty()) {
      for (Job job : running) {
        storage.save(enqueuedAsOfFirstEnqueue(job));
        requeued.add(job.getId());
      }
    }
    if (!requeued.isEmpty()) {
      LOG.info("{} job(s) a stopped process was running are queued again, first in line", requeued.size());
    }
    return requeued;
  }

  /** The job failed by its process's death and enqueued again with its first enqueue time, its place in line. */
  private static Job enqueuedAsOfFirstEnqueue(Job job) {
    List<JobState> history = new ArrayList<>(job.getJobStates());
    history.add(new FailedState("the process running this job stopped (killed, crashed or lost power)",
        new IllegalStateException("the process running this job stopped")));
    history.add(new EnqueuedState(job.getCreatedAt()));
    // JobRunr's own full constructor (its storage reads jobs back with it): Job.enqueue() would
    // stamp the state with the current time, the back of the line.
    Job again = new Job(job.getId(), job.getVersion(), job.getJobDetails(), history,
        new ConcurrentHashMap<>(job.getMetadata()));
    again.setJobName(job.getJobName());
    again.setAmountOfRetries(job.getAmountOfRetries());
    again.setLabels(job.getLabels());
    job.getRecurringJobId().ifPresent(again::setRecurringJobId);
    return again;
  }

  public void start() {
    if (server != null) {
      server.start();
      long everyMs = server.getConfiguration().getPollInterval().toMillis();
      watchdog.scheduleWithFixedDelay(this::restartIfStopped, everyMs, everyMs, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }

  /**
   * JobRunr stops its own job server on a storage failure it deems unrecoverable (the database gone
   * for a while). Once the database answers again the server is started anew, so the node recovers
   * by itself; the jobs the stopped server held are taken up by orphaned-job detection.
   */
  private void restartIfStopped() {
    if (closing || server.isRunning() || !databaseAnswers()) {
      return;
    }
    try {
      LOG.warn("the job server had stopped (database outage); starting it again");
      server.start();
    } catch (RuntimeException e) {
      LOG.warn("could not restart the job server yet: {}", e.toString());
    }
  }

  private boolean databaseAnswers() {
    try (java.sql.Connection c = dataSource.getConnection()) {
      return c.isValid(2);
    } catch (java.sql.SQLException e) {
      return false;
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

  /**
   * Enqueues under a fixed id: enqueuing the same id again (a restart re-enqueuing what it finds
   * unfinished) does not make a second job.
   */
  public void enqueue(UUID id, JobRequest job) {
    scheduler.enqueue(id, job);
    nudge();
  }

  /** Whether a job with this id exists, in any state (a finished job counts until JobRunr deletes it). */
  public boolean exists(UUID id) {
    try {
      storage.getJobById(id);
      return true;
    } catch (JobNotFoundException e) {
      return false;
    }
  }

  public void schedule(Instant at, JobRequest job) {
    scheduler.schedule(at, job);
  }

  public void recurring(String id, Duration every, JobRequest job) {
    scheduler.scheduleRecurrently(id, every, job);
  }

  /** True when this process's job server runs, or when it has none to run (an API node). */
  public boolean isRunning() {
    return server == null || server.isRunning();
  }

  /** Stops taking jobs, waits up to the grace period for running ones, then interrupts them (they run again later). */
  @Override
  public void close() {
    closing = true;
    watchdog.shutdownNow();
    nudger.shutdownNow();
    try {
      if (server != null) {
        server.stop();
        awaitHandBacks();
      }
    } finally {
      storage.close();
    }
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
