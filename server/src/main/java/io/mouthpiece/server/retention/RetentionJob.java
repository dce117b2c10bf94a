package io.mouthpiece.server.retention;

import org.jobrunr.jobs.lambdas.JobRequest;

/** The recurring retention sweep, as a JobRunr job: with several processes, one runs it each time. */
public final class RetentionJob implements JobRequest {
  @Override
  public Class<RetentionJobHandler> getJobRequestHandler() {
    return RetentionJobHandler.class;
  }
}
