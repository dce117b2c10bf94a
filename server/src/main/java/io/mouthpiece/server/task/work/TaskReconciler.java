package io.mouthpiece.server.task.work;

import io.mouthpiece.server.jobs.JobScheduler;
import io.mouthpiece.server.task.TaskStore;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the queue agree with the task table, which is the truth: every unfinished task must have
 * a job. A task is left without one when the database goes away between the commit of a new task
 * and the save of its job (the client got 503, yet the task exists), or when its job was deleted;
 * it would otherwise wait for the next start's {@link io.mouthpiece.server.task.api.TaskService#recover}. Everything else (a job
 * queued, waiting for a retry, or running, a dead server's running job included) is JobRunr's to
 * handle and left to it. Any number of nodes may run this at once: a job id is fixed by its task,
 * so two enqueues make one job, and one job renders the task once.
 */
public final class TaskReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(TaskReconciler.class);
  /** A task younger than this may still be between its commit and its enqueue: left alone. */
  public static final long SETTLE_MS = 60_000;

  private final TaskStore store;
  private final JobScheduler queue;

  public TaskReconciler(TaskStore store, JobScheduler queue) {
    this.store = store;
    this.queue = queue;
  }

  /** Enqueues every unfinished task older than {@link #SETTLE_MS} that has no job; returns how many. */
  public int reconcile(long nowMs) {
    int enqueued = 0;
    for (String id : store.unfinished(nowMs - SETTLE_MS)) {
      UUID jobId = RenderJob.jobId(id);
      if (!queue.exists(jobId)) {
        LOG.warn("task {} is unfinished but had no job (its enqueue was lost, or the job deleted): enqueued", id);
        queue.enqueue(jobId, new RenderJob(id));
        enqueued++;
      }
    }
    return enqueued;
  }
}
