package io.mouthpiece.server.task.work;

import io.mouthpiece.server.jobs.RenderPriority;
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
  /** How often a task's job is tried again after a failure that retrying can help (or a death of its process). */
  public static final int RETRIES = 3;

  private final TaskWorker worker;
  private final int nice;

  /** @param nice the OS priority render threads run at (0: unchanged), so HTTP stays responsive */
  public RenderJobHandler(TaskWorker worker, int nice) {
    this.worker = worker;
    this.nice = nice;
  }

  @Override
  @org.jobrunr.jobs.annotations.Job(name = "lip-sync task %0", retries = RETRIES)
  public void run(RenderJob job) throws Exception {
    RenderPriority.lowerCurrentThread(nice);
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
