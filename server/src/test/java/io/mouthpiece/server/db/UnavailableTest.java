package io.mouthpiece.server.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jobrunr.storage.StorageException;
import org.junit.jupiter.api.Test;

/** Which failures mean "the database cannot be reached" (503/5001), whoever wrapped them. */
class UnavailableTest {
  @Test
  void anUnreachableDatabaseIsRecognisedThroughAnyWrapper() {
    // As JobRunr reports a save while PostgreSQL is down: its StorageException around Hikari's timeout.
    assertTrue(Database.isUnavailable(new StorageException(new SQLTransientConnectionException("pool timed out",
        new SQLException("refused", "08001", new ConnectException("Connection refused"))))));
    assertTrue(Database.isUnavailable(new Database.DatabaseException(new SQLException("terminating", "57P01"))));
    assertTrue(Database.isUnavailable(new RuntimeException(new ConnectException("refused"))));
  }

  @Test
  void otherFailuresAreNot() {
    assertFalse(Database.isUnavailable(new Database.DatabaseException(new SQLException("duplicate", "23505"))));
    assertFalse(Database.isUnavailable(new StorageException(new IllegalStateException("bug"))));
    assertFalse(Database.isUnavailable(new IllegalArgumentException("bad")));
  }
}
