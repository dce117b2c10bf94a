package io.mouthpiece.server.task;

import io.mouthpiece.server.db.Database;
import io.mouthpiece.server.store.StoredFile;
import java.util.List;
import java.util.Optional;

/**
 * All task state, behind one interface: the HTTP side, the job and the retention sweep go
 * through it, so embedded H2 and PostgreSQL are the same code ({@link SqlTaskStore}).
 */
public interface TaskStore {
  /** Stores a new task; fails with {@link Database.DatabaseException#isDuplicateKey()} on a reused external_task_id. */
  void insert(Task task);

  /** The account's task of this kind by task_id or external_task_id. */
  Optional<Task> find(String accountId, String kind, String idOrExternalId);

  Optional<Task> get(String taskId);

  /** The account's tasks of this kind, newest first. */
  List<Task> list(String accountId, String kind, int offset, int limit);

  /** Tasks submitted or processing for this account. */
  int countInFlight(String accountId);

  /** Ids of the tasks not finished that were created before {@code createdBeforeMs}, oldest first. */
  List<String> unfinished(long createdBeforeMs);

  /**
   * Marks the task processing, counts the attempt and starts its progress again from 0 (a task run
   * again after a crash or a hand-back renders from the start); false when it is already finished.
   */
  boolean startAttempt(String taskId);

  /** Tasks marked processing, oldest first. */
  List<Task> processing();

  /**
   * Puts a processing task back to submitted at progress 0 (nothing runs it: the process that did
   * died); false when it is not processing.
   */
  boolean backToSubmitted(String taskId);

  void progress(String taskId, int percent);

  void parentVideo(String taskId, String parentVideoJson);

  /**
   * Finishes the task as succeed and records its result files, in one transaction: all or none, and
   * none (false) when the task had already finished (cancelled, or failed after retries). A record
   * under the same file id is replaced, so a repeated run never leaves two records of one file.
   */
  boolean succeed(String taskId, String resultJson, String timingsJson, List<StoredFile> resultFiles);

  /** The task's status now; empty when there is no such task. */
  Optional<TaskStatus> status(String taskId);

  /** Finishes the task as failed (also how it is cancelled); false when it had already finished. */
  boolean fail(String taskId, String message);

  /** Tasks whose retention has ended. */
  List<Task> expired(long nowMs, int limit);

  void delete(String taskId);
}
