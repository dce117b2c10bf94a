package io.mouthpiece.server.task.work;

import io.mouthpiece.server.jobs.JobScheduler;
import io.mouthpiece.server.task.Task;
import io.mouthpiece.server.task.TaskStore;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the one process of a single-process service died (kill -9, power, out of memory), puts
 * what it was running back in line at the next start, at once: each task it was running shows
 * submitted at progress 0 again (nothing runs it, and the next run starts from 0) and its job is
 * queued ahead of the work accepted after it, as JobRunr alone would only have found it after its
 * orphan check and queued it last. A task whose tries are used up is failed instead, so one whose
 * render brings the process down every time cannot hold the queue for good.
 *
 * <p>Only where no other process can be running jobs (the embedded database, its data dir held),
 * and before the job server starts: a live process's running task looks exactly the same.
 */
public final class CrashRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(CrashRecovery.class);
  /** The first try and the queue's retries; each ends in a retryable failure or the process's death. */
  static final int MAX_ATTEMPTS = 1 + RenderJobHandler.RETRIES;

  private final TaskStore store;
  private final JobScheduler queue;

  public CrashRecovery(TaskStore store, JobScheduler queue) {
    this.store = store;
    this.queue = queue;
  }

  /**
   * Requeues the dead process's jobs and resets (or, tries used up, fails) its tasks; returns the
   * ids of the tasks whose status changed, for their callbacks once the service has its address.
   */
  public List<String> reclaim() {
    queue.requeueAbandoned();
    List<String> changed = new ArrayList<>();
    for (Task t : store.processing()) {
      if (t.attempts() >= MAX_ATTEMPTS) {
        String why = "gave up after " + t.attempts() + " attempts: the service stopped (killed or crashed) during the last";
        if (store.fail(t.id(), why)) {
          LOG.warn("task {} {}", t.id(), why);
          changed.add(t.id());
        }
      } else if (store.backToSubmitted(t.id())) {
        changed.add(t.id());
      }
    }
    if (!changed.isEmpty()) {
      LOG.info("recovery: {} task(s) the stopped process was running are back in line, first", changed.size());
    }
    return changed;
  }
}
