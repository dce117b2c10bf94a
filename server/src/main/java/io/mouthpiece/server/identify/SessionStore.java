package io.mouthpiece.server.identify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mouthpiece.server.db.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The sessions table. */
public final class SessionStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "id, account_id, video_file_id, duration_ms, faces_json, created_at, expires_at";

  private final Database db;

  public SessionStore(Database db) {
    this.db = db;
  }

  public void add(Session s) {
    try {
      db.update("INSERT INTO sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", s.id(), s.accountId(),
          s.videoFileId(), s.durationMs(), JSON.writeValueAsString(s.faces()), s.createdAt(), s.expiresAt());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The account's session, expired or not (the caller tells the two apart). */
  public Optional<Session> find(String accountId, String id) {
    return db.queryOne("SELECT " + COLUMNS + " FROM sessions WHERE id = ? AND account_id = ?", SessionStore::row, id, accountId);
  }

  public int deleteExpired(long nowMs) {
    return db.update("DELETE FROM sessions WHERE expires_at <= ?", nowMs);
  }

  private static Session row(ResultSet rs) throws SQLException {
    try {
      List<Session.Face> faces = JSON.readValue(rs.getString(5), new TypeReference<List<Session.Face>>() {});
      return new Session(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), faces, rs.getLong(6), rs.getLong(7));
    } catch (JsonProcessingException e) {
      throw new SQLException("bad faces_json in session " + rs.getString(1), e);
    }
  }
}
