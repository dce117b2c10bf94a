package io.mouthpiece.server.task;

import io.mouthpiece.server.db.Database;
import io.mouthpiece.server.store.FileIndex;
import io.mouthpiece.server.store.StoredFile;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link TaskStore} in the tasks table, portable SQL only. */
public final class SqlTaskStore implements TaskStore {
  private static final String COLUMNS = "id, account_id, kind, external_task_id, status, status_msg, progress,"
      + " request_json, callback_url, parent_video_json, result_json, attempts, created_at, updated_at, expires_at";
  private static final String UNFINISHED = "status IN ('submitted', 'processing')";

  private final Database db;
  private final Clock clock;

  /** @param clock dates each change of a task (its updated_at) */
  public SqlTaskStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public void insert(Task t) {
    db.update("INSERT INTO tasks (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", t.id(),
        t.accountId(), t.kind(), t.externalTaskId(), t.status().wire(), t.statusMsg(), t.progress(), t.planJson(),
        t.callbackUrl(), t.parentVideoJson(), t.resultJson(), t.attempts(), t.createdAt(), t.updatedAt(), t.expiresAt());
  }

  @Override
  public Optional<Task> find(String accountId, String kind, String idOrExternalId) {
    return db.queryOne("SELECT " + COLUMNS + " FROM tasks WHERE account_id = ? AND kind = ? AND (id = ? OR external_task_id = ?)"
        + " ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END", SqlTaskStore::row, accountId, kind, idOrExternalId,
        idOrExternalId, idOrExternalId);
  }

  @Override
  public Optional<Task> get(String taskId) {
    return db.queryOne("SELECT " + COLUMNS + " FROM tasks WHERE id = ?", SqlTaskStore::row, taskId);
  }

  @Override
  public List<Task> list(String accountId, String kind, int offset, int limit) {
    return db.query("SELECT " + COLUMNS + " FROM tasks WHERE account_id = ? AND kind = ? ORDER BY created_at DESC, id DESC"
        + " OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY", SqlTaskStore::row, accountId, kind);
  }

  @Override
  public int countInFlight(String accountId) {
    return db.queryOne("SELECT COUNT(*) FROM tasks WHERE account_id = ? AND " + UNFINISHED, rs -> rs.getInt(1), accountId)
        .orElse(0);
  }

  @Override
  public List<String> unfinished(long createdBeforeMs) {
    return db.query("SELECT id FROM tasks WHERE " + UNFINISHED + " AND created_at < ? ORDER BY created_at",
        rs -> rs.getString(1), createdBeforeMs);
  }

  @Override
  public boolean startAttempt(String taskId) {
    return db.update("UPDATE tasks SET status = 'processing', attempts = attempts + 1, progress = 0, updated_at = ?"
        + " WHERE id = ? AND " + UNFINISHED, now(), taskId) == 1;
  }

  @Override
  public List<Task> processing() {
    return db.query("SELECT " + COLUMNS + " FROM tasks WHERE status = 'processing' ORDER BY created_at", SqlTaskStore::row);
  }

  @Override
  public boolean backToSubmitted(String taskId) {
    return db.update("UPDATE tasks SET status = 'submitted', progress = 0, updated_at = ? WHERE id = ? AND status = 'processing'",
        now(), taskId) == 1;
  }

  @Override
  public void progress(String taskId, int percent) {
    db.update("UPDATE tasks SET progress = ?, updated_at = ? WHERE id = ? AND status = 'processing'", percent, now(), taskId);
  }

  @Override
  public void parentVideo(String taskId, String parentVideoJson) {
    db.update("UPDATE tasks SET parent_video_json = ? WHERE id = ?", parentVideoJson, taskId);
  }

  @Override
  public boolean succeed(String taskId, String resultJson, String timingsJson, List<StoredFile> resultFiles) {
    List<Database.Statement> files = new ArrayList<>();
    for (StoredFile f : resultFiles) {
      files.add(FileIndex.delete(f.id()));
      files.add(FileIndex.insert(f));
    }
    // The files are recorded only if the update finds the task unfinished (not cancelled meanwhile).
    return db.inTransactionIf(new Database.Statement("UPDATE tasks SET status = 'succeed', status_msg = '', progress = 100,"
        + " result_json = ?, timings_json = ?, updated_at = ? WHERE id = ? AND " + UNFINISHED, resultJson, timingsJson, now(),
        taskId), files.toArray(Database.Statement[]::new));
  }

  @Override
  public Optional<TaskStatus> status(String taskId) {
    return db.queryOne("SELECT status FROM tasks WHERE id = ?", rs -> TaskStatus.fromWire(rs.getString(1)), taskId);
  }

  @Override
  public boolean fail(String taskId, String message) {
    String msg = message == null ? "failed" : message.length() > 3900 ? message.substring(0, 3900) + "..." : message;
    return db.update("UPDATE tasks SET status = 'failed', status_msg = ?, updated_at = ? WHERE id = ? AND " + UNFINISHED,
        msg, now(), taskId) == 1;
  }

  @Override
  public List<Task> expired(long nowMs, int limit) {
    return db.query("SELECT " + COLUMNS + " FROM tasks WHERE expires_at <= ? AND status IN ('succeed', 'failed')"
        + " ORDER BY expires_at FETCH FIRST " + limit + " ROWS ONLY", SqlTaskStore::row, nowMs);
  }

  @Override
  public void delete(String taskId) {
    db.update("DELETE FROM tasks WHERE id = ?", taskId);
  }

  private long now() {
    return clock.millis();
  }

  private static Task row(ResultSet rs) throws SQLException {
    return new Task(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        TaskStatus.fromWire(rs.getString(5)), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getString(9),
        rs.getString(10), rs.getString(11), rs.getInt(12), rs.getLong(13), rs.getLong(14), rs.getLong(15));
  }
}
