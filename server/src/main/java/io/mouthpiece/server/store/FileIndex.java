package io.mouthpiece.server.store;

import io.mouthpiece.server.db.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The stored_files table: which account owns which stored bytes, until when. */
public final class FileIndex {
  private static final String COLUMNS =
      "id, account_id, kind, storage_key, content_type, size_bytes, duration_ms, created_at, expires_at";

  private final Database db;

  public FileIndex(Database db) {
    this.db = db;
  }

  /** The insert statement, to run alone or inside a transaction. */
  public static Database.Statement insert(StoredFile f) {
    return new Database.Statement("INSERT INTO stored_files (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        f.id(), f.accountId(), f.kind(), f.storageKey(), f.contentType(), f.sizeBytes(), f.durationMs(), f.createdAt(),
        f.expiresAt());
  }

  /** The delete statement, to run alone or inside a transaction. */
  public static Database.Statement delete(String id) {
    return new Database.Statement("DELETE FROM stored_files WHERE id = ?", id);
  }

  public void add(StoredFile f) {
    Database.Statement s = insert(f);
    db.update(s.sql(), s.params());
  }

  /** A file by id, whoever owns it (download URLs are capabilities), unless expired. */
  public Optional<StoredFile> find(String id, long nowMs) {
    return db.queryOne("SELECT " + COLUMNS + " FROM stored_files WHERE id = ? AND expires_at > ?", FileIndex::row, id, nowMs);
  }

  /** A file of this account, unless expired. */
  public Optional<StoredFile> findOwned(String accountId, String id, long nowMs) {
    return find(id, nowMs).filter(f -> f.accountId().equals(accountId));
  }

  /** The unexpired file stored under a storage key, if a row names it. */
  public Optional<StoredFile> findByKey(String storageKey, long nowMs) {
    return db.query("SELECT " + COLUMNS + " FROM stored_files WHERE storage_key = ? AND expires_at > ? FETCH FIRST 1 ROWS ONLY",
        FileIndex::row, storageKey, nowMs).stream().findFirst();
  }

  public List<StoredFile> expired(long nowMs, int limit) {
    return db.query("SELECT " + COLUMNS + " FROM stored_files WHERE expires_at <= ? ORDER BY expires_at FETCH FIRST "
        + limit + " ROWS ONLY", FileIndex::row, nowMs);
  }

  /** Every storage key a row (expired or not) names. */
  public java.util.Set<String> storageKeys() {
    return new java.util.HashSet<>(db.query("SELECT storage_key FROM stored_files", rs -> rs.getString(1)));
  }

  public void remove(String id) {
    Database.Statement s = delete(id);
    db.update(s.sql(), s.params());
  }

  private static StoredFile row(ResultSet rs) throws SQLException {
    long duration = rs.getLong(7);
    Long durationMs = rs.wasNull() ? null : duration;
    return new StoredFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getLong(6), durationMs, rs.getLong(8), rs.getLong(9));
  }
}
