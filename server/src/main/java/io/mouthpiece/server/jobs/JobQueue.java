package io.mouthpiece.server.jobs;

import io.mouthpiece.server.config.ServerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jobrunr.jobs.filters.JobFilter;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

/**
 * The background job queue: JobRunr on the service's own SQL database (its jobrunr_* tables, which
 * JobRunr creates and migrates itself on H2 and PostgreSQL alike). Any number of processes on one
 * PostgreSQL share the queue; a job whose process died is taken up again by a live one (JobRunr's
 * orphaned-job detection, after four poll intervals). Built from parts, without JobRunr's static
 * facade, so nothing global is left behind.
 */
public final class JobQueue implements AutoCloseable {
  private final StorageProvider storage;
  private final JobRequestScheduler scheduler;
  private final BackgroundJobServer server;

  /** @param handlers the job handler instances, by class, that jobs are run with */
  public JobQueue(DataSource dataSource, ServerConfig.Jobs jobs, Duration shutdownGrace, Map<Class<?>, Object> handlers,
      List<JobFilter> filters) {
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
    server = new BackgroundJobServer(storage, json, activator,
        BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
            .andWorkerCount(jobs.workers())
            .andPollInterval(jobs.pollInterval())
            .andInterruptJobsAwaitDurationOnStopBackgroundJobServer(shutdownGrace));
    server.setJobFilters(filters);
  }

  public void start() {
    server.start();
  }

  /**
   * Enqueues under a fixed id: enqueuing the same id again (a restart re-enqueuing what it finds
   * unfinished) does not make a second job.
   */
  public void enqueue(UUID id, JobRequest job) {
    scheduler.enqueue(id, job);
  }

  public void schedule(Instant at, JobRequest job) {
    scheduler.schedule(at, job);
  }

  public void recurring(String id, Duration every, JobRequest job) {
    scheduler.scheduleRecurrently(id, every, job);
  }

  public boolean isRunning() {
    return server.isRunning();
  }

  /** Stops taking jobs, waits up to the grace period for running ones, then interrupts them (they run again later). */
  @Override
  public void close() {
    try {
      server.stop();
    } finally {
      storage.close();
    }
  }
}
