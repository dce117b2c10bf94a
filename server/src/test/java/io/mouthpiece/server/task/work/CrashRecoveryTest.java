package io.mouthpiece.server.task.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.server.MouthpieceServer;
import io.mouthpiece.server.TestServer;
import io.mouthpiece.server.auth.AccountStore;
import io.mouthpiece.server.config.ConfigLoader;
import io.mouthpiece.server.config.ServerConfig;
import io.mouthpiece.server.db.Database;
import io.mouthpiece.server.task.Task;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A task the service was running when it stopped for the fourth time (each of its runs ended by
 * the process's death: a video whose render exhausts memory, say) is failed at the next start
 * instead of run first once more, or it would bring the service down on every start and hold the
 * queue for good. The row is written as the fourth death leaves it (ServerRestartTest makes a real
 * one with a kill). And a start beside a live process on the same data dir (the embedded database
 * lets a second one in) takes nothing from it: a task it runs stays as it is.
 */
class CrashRecoveryTest {
  @Test
  void aTaskWhoseEveryRunEndedWithTheProcessIsFailedAndALivePeersTaskIsLeftAlone() throws Exception {
    Path dataDir = TestServer.newDataDir();
    String accountId;
    try (TestServer first = TestServer.start(dataDir, Map.of())) {
      accountId = first.keys.accountId();
    }
    ServerConfig config = ConfigLoader.load(TestServer.settings(dataDir, Map.of()), null, Map.of());
    String taskId = AccountStore.randomId();
    try (Database db = Database.open(config)) {
      insertProcessing(db, taskId, accountId, CrashRecovery.MAX_ATTEMPTS);
    }
    try (MouthpieceServer restarted = MouthpieceServer.start(config); Database db = Database.open(config)) {
      assertEquals("failed", status(db, taskId), "not run a fifth time");
      String why = db.queryOne("SELECT status_msg FROM tasks WHERE id = ?", rs -> rs.getString(1), taskId).orElseThrow();
      assertTrue(why.contains("gave up after 4 attempts"), why);

      String runningHere = AccountStore.randomId(); // as if the live process were rendering it
      insertProcessing(db, runningHere, accountId, 1);
      try (MouthpieceServer beside = MouthpieceServer.start(config)) {
        assertEquals("processing", status(db, runningHere), "a live process's task is not taken back");
        assertEquals(70, db.queryOne("SELECT progress FROM tasks WHERE id = ?", rs -> rs.getInt(1), runningHere)
            .orElseThrow());
      }
    }
  }

  /** A task row as a process leaves it while it renders (or when it dies doing so): processing at 70 %. */
  private static void insertProcessing(Database db, String taskId, String accountId, int attempts) {
    long now = System.currentTimeMillis();
    db.update("INSERT INTO tasks (id, account_id, kind, status, status_msg, progress, request_json, attempts, created_at,"
        + " updated_at, expires_at) VALUES (?, ?, ?, 'processing', '', 70, '{}', ?, ?, ?, ?)", taskId, accountId,
        Task.ADVANCED, attempts, now, now, now + 3_600_000);
  }

  private static String status(Database db, String taskId) {
    return db.queryOne("SELECT status FROM tasks WHERE id = ?", rs -> rs.getString(1), taskId).orElseThrow();
  }
}
