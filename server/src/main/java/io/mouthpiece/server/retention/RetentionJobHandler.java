package io.mouthpiece.server.retention;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** Runs the {@link RetentionSweep}. */
public final class RetentionJobHandler implements JobRequestHandler<RetentionJob> {
  private final RetentionSweep sweep;

  public RetentionJobHandler(RetentionSweep sweep) {
    this.sweep = sweep;
  }

  @Override
  @Job(name = "retention sweep", retries = 0)
  public void run(RetentionJob job) throws Exception {
    sweep.sweep();
  }
}
