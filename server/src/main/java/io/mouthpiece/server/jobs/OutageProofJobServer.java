package io.mouthpiece.server.jobs;

import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.server.tasks.startup.MigrateFromV5toV6Task;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JobRunr's job server, made to survive a database outage in its first seconds.
 *
 * <p>Why: every periodic duty of JobRunr 8.3.1 (the steward: heartbeats and picking up work; the
 * leader's: scheduled retries, orphaned jobs, recurring jobs) first checks that the server is
 * ready, which means its schema version is in the database. Two ways an outage broke that for
 * good, silently (the process looked healthy, yet a retried job stayed SCHEDULED and a dead
 * worker's job PROCESSING forever):
 * <ul>
 *   <li>the check reads the database until it has once succeeded, outside the duty's try/catch:
 *       when it threw, the executor cancelled that duty. Here a failed check means "not ready
 *       yet", and the duty runs again at the next poll;
 *   <li>the version is written by a one-off step after the server becomes leader, never retried
 *       when it fails: then no server is ever ready. Here it is written before the server
 *       starts, where a failure fails the start (and the start is tried again).
 * </ul>
 */
final class OutageProofJobServer extends BackgroundJobServer {
  private static final Logger LOG = LoggerFactory.getLogger(OutageProofJobServer.class);

  OutageProofJobServer(StorageProvider storage, JsonMapper json, JobActivator activator,
      BackgroundJobServerConfiguration configuration) {
    super(storage, json, activator, configuration);
  }

  @Override
  public void start() {
    new MigrateFromV5toV6Task(this).run(); // writes the schema version if it is not there yet
    super.start();
  }

  @Override
  public boolean isNotReadyToProcessJobs() {
    try {
      return super.isNotReadyToProcessJobs();
    } catch (RuntimeException e) {
      LOG.warn("job server not ready (database unreachable); its duties run again at the next poll: {}", e.toString());
      return true;
    }
  }
}
