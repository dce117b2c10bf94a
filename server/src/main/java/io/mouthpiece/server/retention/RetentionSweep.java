package io.mouthpiece.server.retention;

import io.mouthpiece.server.identify.SessionStore;
import io.mouthpiece.server.store.FileIndex;
import io.mouthpiece.server.store.FileStore;
import io.mouthpiece.server.store.StoredFile;
import io.mouthpiece.server.task.Task;
import io.mouthpiece.server.task.TaskStore;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what has outlived its retention: sessions after 24 h, finished tasks and every stored
 * file (inputs, crops, results) after the configured period, the bytes first and then the row, so
 * a crash in between leaves a row the next sweep finishes, never an orphaned file. Then the
 * store itself is listed: an object no row refers to (a write whose recording never committed, e.g.
 * its process died in between) is deleted once it is older than {@link #ORPHAN_AGE_MS}, so a
 * write that is about to be recorded is left alone.
 */
public final class RetentionSweep {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionSweep.class);
  private static final int BATCH = 500;
  /** Far longer than any write takes to be recorded (seconds), so only true leftovers are deleted. */
  static final long ORPHAN_AGE_MS = 3_600_000;

  private final TaskStore tasks;
  private final SessionStore sessions;
  private final FileIndex files;
  private final FileStore store;
  private final Clock clock;

  /** @param clock the time a {@link #sweep()} deletes up to: the one that dated what it deletes */
  public RetentionSweep(TaskStore tasks, SessionStore sessions, FileIndex files, FileStore store, Clock clock) {
    this.tasks = tasks;
    this.sessions = sessions;
    this.files = files;
    this.store = store;
    this.clock = clock;
  }

  /** What one sweep deleted. */
  public record Swept(int sessions, int tasks, int files, int orphans) {}

  /** Deletes what has expired by now (the recurring job's sweep). */
  public Swept sweep() throws IOException {
    return sweep(clock.millis());
  }

  /** Deletes what has expired by {@code nowMs}. */
  public Swept sweep(long nowMs) throws IOException {
    int sessionCount = sessions.deleteExpired(nowMs);
    int taskCount = 0;
    for (List<Task> batch = tasks.expired(nowMs, BATCH); !batch.isEmpty(); batch = tasks.expired(nowMs, BATCH)) {
      for (Task t : batch) {
        tasks.delete(t.id());
        taskCount++;
      }
    }
    int fileCount = 0;
    for (List<StoredFile> batch = files.expired(nowMs, BATCH); !batch.isEmpty(); batch = files.expired(nowMs, BATCH)) {
      for (StoredFile f : batch) {
        store.delete(f.storageKey());
        files.remove(f.id());
        fileCount++;
      }
    }
    int orphanCount = deleteOrphans(nowMs);
    if (sessionCount + taskCount + fileCount + orphanCount > 0) {
      LOG.info("retention: deleted {} session(s), {} task(s), {} file(s), {} orphaned object(s)", sessionCount,
          taskCount, fileCount, orphanCount);
    }
    return new Swept(sessionCount, taskCount, fileCount, orphanCount);
  }

  private int deleteOrphans(long nowMs) throws IOException {
    int count = 0;
    List<FileStore.Entry> old = store.list().stream().filter(e -> e.modifiedMs() < nowMs - ORPHAN_AGE_MS).toList();
    if (old.isEmpty()) {
      return 0;
    }
    // Read after listing, so a row written for an object meanwhile still counts; one query, not one a key.
    Set<String> named = files.storageKeys();
    for (FileStore.Entry e : old) {
      if (!named.contains(e.key())) {
        store.delete(e.key());
        count++;
      }
    }
    return count;
  }
}
