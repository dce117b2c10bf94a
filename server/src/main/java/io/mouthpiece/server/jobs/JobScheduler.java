package io.mouthpiece.server.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.jobs.states.EnqueuedState;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.Paging;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduling side of the background job queue: JobRunr on the service's own SQL database (its
 * jobrunr_* tables, which JobRunr creates and migrates itself on H2 and PostgreSQL alike). It puts
 * jobs in the queue and needs nothing but the database, so it is made first and handed to whoever
 * enqueues; the jobs are run by a {@link JobRunner} made afterwards from it, in the processes whose
 * role runs jobs. Any number of processes on one PostgreSQL share the queue; a process that only
 * serves the API has no runner, and the workers' runners take its jobs at their next poll. Built
 * from parts, without JobRunr's static facade, so nothing global is left behind.
 */
public final class JobScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
  private final DataSource dataSource;
  private final JsonMapper json = new JacksonJsonMapper();
  private final StorageProvider storage;
  private final JobRequestScheduler scheduler;
  /** What an enqueue tells this process's runner, if it has one: to look for work now. */
  private volatile Runnable afterEnqueue = () -> {};

  public JobScheduler(DataSource dataSource) {
    this.dataSource = dataSource;
    storage = SqlStorageProviderFactory.using(dataSource);
    storage.setJobMapper(new JobMapper(json));
    scheduler = new JobRequestScheduler(storage, List.of());
    renameMovedJobClasses();
  }

  /**
   * JobRunr stores a job under its classes' names. The render job and its handler moved from
   * server.task to server.task.work; a job queued by a version before the move is renamed here,
   * before any runner reads it, or it could never run (and, as a job exists under its task's
   * fixed id, nothing would enqueue it again).
   */
  private void renameMovedJobClasses() {
    String oldName = "io.mouthpiece.server.task.RenderJob";
    String newName = "io.mouthpiece.server.task.work.RenderJob";
    try (java.sql.Connection c = dataSource.getConnection();
        java.sql.PreparedStatement update = c.prepareStatement("UPDATE jobrunr_jobs SET jobAsJson = REPLACE(jobAsJson, ?, ?),"
            + " jobSignature = REPLACE(jobSignature, ?, ?) WHERE jobSignature LIKE ?")) {
      update.setString(1, oldName);
      update.setString(2, newName);
      update.setString(3, oldName);
      update.setString(4, newName);
      update.setString(5, "%" + oldName + "%"); // also turns ...task.RenderJobHandler into ...task.work.RenderJobHandler
      int renamed = update.executeUpdate();
      if (renamed > 0) {
        LOG.info("{} queued render job(s) of an older version renamed to {}", renamed, newName);
      }
    } catch (java.sql.SQLException e) {
      LOG.warn("could not rename render jobs queued by an older version (they may not run): {}", e.toString());
    }
  }

  /**
   * Enqueues under a fixed id: enqueuing the same id again (a restart re-enqueuing what it finds
   * unfinished) does not make a second job.
   */
  public void enqueue(UUID id, JobRequest job) {
    scheduler.enqueue(id, job);
    afterEnqueue.run();
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

  /**
   * Hands back what dead processes' job servers were running, at once instead of after JobRunr's
   * orphaned-job check (four poll intervals, then a retry's backoff) and ahead of the work queued
   * since: every job still marked processing is marked failed (the death counts as one of its
   * tries, so a job that brings the process down each time still runs out of them) and enqueued
   * again as of its first enqueue, and JobRunr takes the oldest enqueued job first. The dead
   * servers are unregistered, so this one leads at once (scheduled retries, recurring jobs).
   *
   * <p>Only for a process that knows no other process runs jobs on this database, and before its
   * {@link JobRunner#start}: a live peer's running job looks exactly the same. Returns the jobs handed back.
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

  /** The runner made from this scheduler asks to hear of each enqueue, to start the job without waiting for its poll. */
  void afterEnqueue(Runnable nudge) {
    afterEnqueue = nudge;
  }

  StorageProvider storage() {
    return storage;
  }

  JsonMapper json() {
    return json;
  }

  /** Whether the database answers now: the runner's watchdog restarts a job server JobRunr stopped only then. */
  boolean databaseAnswers() {
    try (java.sql.Connection c = dataSource.getConnection()) {
      return c.isValid(2);
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  /** Closes the storage; close the runner made from it first. */
  @Override
  public void close() {
    storage.close();
  }
}
