package io.mouthpiece.server.task.work;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequest;

/** The queued work of one task (a JobRunr job): its id is derived from the task's, so a task has one job. */
public final class RenderJob implements JobRequest {
  public String taskId;

  public RenderJob() {}

  public RenderJob(String taskId) {
    this.taskId = taskId;
  }

  /** The job id of a task: the same every time it is enqueued. */
  public static UUID jobId(String taskId) {
    return UUID.nameUUIDFromBytes(("render:" + taskId).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return taskId;
  }

  @Override
  public Class<RenderJobHandler> getJobRequestHandler() {
    return RenderJobHandler.class;
  }
}
