package io.mouthpiece.server.task.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mouthpiece.server.auth.Account;
import io.mouthpiece.server.auth.AccountStore;
import io.mouthpiece.server.db.Database;
import io.mouthpiece.server.errors.KlingError;
import io.mouthpiece.server.errors.KlingException;
import io.mouthpiece.server.jobs.JobScheduler;
import io.mouthpiece.server.store.FileIndex;
import io.mouthpiece.server.task.Task;
import io.mouthpiece.server.task.TaskEvents;
import io.mouthpiece.server.task.TaskPlan;
import io.mouthpiece.server.task.TaskStatus;
import io.mouthpiece.server.task.TaskStore;
import io.mouthpiece.server.task.TaskView;
import io.mouthpiece.server.task.work.RenderJob;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creating and finding tasks. A task is committed to the database before the answer and its job
 * enqueued right after; if the process dies in between, {@link #recover()} at the next start
 * enqueues it (job ids are fixed per task, so recovering twice makes no second job).
 */
public final class TaskService {
  /** The task_status_msg of a task cancelled by its account. */
  public static final String CANCELLED = "cancelled";

  private static final Logger LOG = LoggerFactory.getLogger(TaskService.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TaskStore store;
  private final FileIndex files;
  private final JobScheduler queue;
  private final TaskEvents events;
  private final long retentionMs;
  private final int maxInFlight;
  private final Clock clock;

  /** @param clock dates a new task, which expires {@code retentionMs} after it */
  public TaskService(TaskStore store, FileIndex files, JobScheduler queue, TaskEvents events, long retentionMs,
      int maxInFlight, Clock clock) {
    this.store = store;
    this.files = files;
    this.queue = queue;
    this.events = events;
    this.retentionMs = retentionMs;
    this.maxInFlight = maxInFlight;
    this.clock = clock;
  }

  public Task create(Account account, String kind, TaskPlan plan, String callbackUrl, String externalTaskId) {
    if (maxInFlight > 0 && store.countInFlight(account.id()) >= maxInFlight) {
      throw new KlingException(KlingError.TOO_MANY_IN_FLIGHT, "too many tasks in flight: this account may have " + maxInFlight
          + " tasks submitted or processing at once");
    }
    if (externalTaskId != null) {
      for (String k : List.of(Task.ADVANCED, Task.LIP_SYNC)) {
        Optional<Task> same = store.find(account.id(), k, externalTaskId);
        if (same.isPresent() && same.get().id().equals(externalTaskId)) {
          // A task is fetched by either id: one that is both would name two tasks.
          throw KlingException.invalidParameter("external_task_id: '" + externalTaskId + "' is the task_id of one of"
              + " your tasks; choose another (a task is fetched by its task_id or its external_task_id)");
        }
        if (same.isPresent()) {
          throw duplicate(externalTaskId);
        }
      }
    }
    long now = clock.millis();
    String parent = plan.videoFileId() == null ? null : files.findOwned(account.id(), plan.videoFileId(), now)
        .map(f -> TaskView.fileRef(f.id(), null, f.durationMs() == null ? 0 : f.durationMs())).orElse(null);
    Task task = new Task(AccountStore.randomId(), account.id(), kind, externalTaskId, TaskStatus.SUBMITTED, "", 0,
        json(plan), callbackUrl, parent, null, 0, now, now, now + retentionMs);
    try {
      store.insert(task);
    } catch (Database.DatabaseException e) {
      if (e.isDuplicateKey()) {
        throw duplicate(externalTaskId);
      }
      throw e;
    }
    // The submitted callback is read and queued before the job exists: once enqueued, a worker may
    // mark the task processing at once, and the first callback would then say processing.
    events.changed(task.id());
    queue.enqueue(RenderJob.jobId(task.id()), new RenderJob(task.id()));
    return task;
  }

  public Task find(Account account, String kind, String idOrExternalId) {
    return store.find(account.id(), kind, idOrExternalId)
        .orElseThrow(() -> KlingException.notFound("task " + idOrExternalId + " not found"));
  }

  /**
   * Cancels a task that has not finished: it becomes failed with task_status_msg "cancelled" (and is
   * called back as any change is). A queued job then finds it finished and does nothing; a running
   * render sees it at its next progress step and stops, deleting its partial file. A finished task
   * is a 1201 saying so; an unknown task or another account's, 404/1203.
   */
  public Task cancel(Account account, String kind, String idOrExternalId) {
    Task task = find(account, kind, idOrExternalId);
    if (!task.status().isFinal() && store.fail(task.id(), CANCELLED)) {
      LOG.info("task {} cancelled by its account", task.id());
      events.changed(task.id());
      return store.get(task.id()).orElseThrow();
    }
    TaskStatus now = store.status(task.id()).orElse(task.status());
    throw KlingException.invalidParameter("task " + idOrExternalId + " has already finished (" + now.wire()
        + "): there is nothing to cancel");
  }

  public List<Task> list(Account account, String kind, int pageNum, int pageSize) {
    return store.list(account.id(), kind, (pageNum - 1) * pageSize, pageSize);
  }

  /** Enqueues every unfinished task again; fixed job ids make this a no-op for those already queued. */
  public int recover() {
    List<String> ids = store.unfinished(Long.MAX_VALUE);
    for (String id : ids) {
      queue.enqueue(RenderJob.jobId(id), new RenderJob(id));
    }
    if (!ids.isEmpty()) {
      LOG.info("recovery: {} unfinished task(s) re-enqueued (already-queued ones are left as they are)", ids.size());
    }
    return ids.size();
  }

  private static KlingException duplicate(String externalTaskId) {
    return KlingException.invalidParameter("external_task_id: '" + externalTaskId + "' is already used by another task of yours");
  }

  private static String json(TaskPlan plan) {
    try {
      return JSON.writeValueAsString(plan);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
