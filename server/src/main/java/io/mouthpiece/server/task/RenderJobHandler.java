package io.mouthpiece.server.task;

import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.JobServerFilter;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.jobs.states.FailedState;

/**
 * Runs a {@link RenderJob} with the {@link TaskWorker}. JobRunr retries only what the worker
 * throws, which is only what retrying can help (a download that timed out, a failing disk);
 * when those retries run out, the task is failed with the last reason.
 */
public final class RenderJobHandler implements JobRequestHandler<RenderJob>, JobServerFilter {
  private final TaskWorker worker;

  public RenderJobHandler(TaskWorker worker) {
    this.worker = worker;
  }

  @Override
  @org.jobrunr.jobs.annotations.Job(name = "lip-sync task %0", retries = 3)
  public void run(RenderJob job) throws Exception {
    worker.process(job.taskId);
  }

  @Override
  public void onFailedAfterRetries(Job job) {
    for (Object parameter : job.getJobDetails().getJobParameterValues()) {
      if (parameter instanceof RenderJob r) {
        String why = job.getLastJobStateOfType(FailedState.class).map(FailedState::getExceptionMessage).orElse("unknown");
        worker.failAfterRetries(r.taskId, why);
      }
    }
  }
}
