package io.mouthpiece.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mouthpiece.server.config.ServerConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The SQL database: a connection pool on the configured URL (embedded H2 under the data dir by
 * default, PostgreSQL by configuration), migrated by Flyway on open, and the few JDBC calls the
 * repositories need. Only portable SQL goes through here.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;

  private Database(HikariDataSource pool) {
    this.pool = pool;
  }

  /** Opens the pool and brings the schema up to date. */
  public static Database open(ServerConfig config) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(config.jdbcUrl());
    hc.setUsername(config.database().user());
    hc.setPassword(config.database().password());
    hc.setMaximumPoolSize(config.database().poolSize());
    hc.setPoolName("mouthpiece-db");
    // Short, so that while the database is down a request fails fast (503/5001) instead of queuing
    // for Hikari's default 30 s; the pool reconnects by itself when the database is back.
    long timeoutMs = config.database().connectTimeout().toMillis();
    hc.setConnectionTimeout(timeoutMs);
    hc.setValidationTimeout(Math.max(250, timeoutMs / 2));
    HikariDataSource ds = new HikariDataSource(hc);
    try {
      Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(ds);
  }

  public DataSource dataSource() {
    return pool;
  }

  /** Maps one row. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Runs an INSERT/UPDATE/DELETE; returns the rows changed. */
  public int update(String sql, Object... params) {
    try (Connection c = pool.getConnection(); PreparedStatement ps = prepare(c, sql, params)) {
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  /**
   * Runs {@code guard}, then the rest, in one transaction, but only when the guard changed a row:
   * otherwise rolls back and returns false. The guard's row stays locked until the commit, so a
   * concurrent update of that row waits and then sees the outcome (a task marked succeed together
   * with its result files cannot be cancelled halfway).
   */
  public boolean inTransactionIf(Statement guard, Statement... rest) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = prepare(c, guard.sql(), guard.params())) {
          if (ps.executeUpdate() == 0) {
            c.rollback();
            return false;
          }
        }
        for (Statement s : rest) {
          try (PreparedStatement ps = prepare(c, s.sql(), s.params())) {
            ps.executeUpdate();
          }
        }
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  /** One statement of a transaction. */
  public record Statement(String sql, Object... params) {}

  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    try (Connection c = pool.getConnection(); PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(mapper.map(rs));
      }
      return rows;
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
    List<T> rows = query(sql, mapper, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** True when the database answers (readiness). */
  public boolean isUp() {
    try (Connection c = pool.getConnection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object[] params) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    return ps;
  }

  @Override
  public void close() {
    pool.close();
  }

  /**
   * True when {@code e} or a cause of it says the database could not be reached or went away
   * mid-statement (no connection within the timeout, SQLSTATE class 08 connection exceptions, 57P
   * admin shutdown), whoever wrapped it (this class, or the job library's storage layer): the
   * request may succeed later, so it is answered 503/5001, not 500.
   */
  public static boolean isUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.sql.SQLNonTransientConnectionException
          || t instanceof java.net.ConnectException) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null
          && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }

  /** A database failure: never the caller's fault, so it surfaces as 5000/5001. */
  public static final class DatabaseException extends RuntimeException {
    public DatabaseException(SQLException cause) {
      super(cause.getMessage(), cause);
    }

    /** True for a unique-constraint violation (SQLSTATE 23505 on H2 and PostgreSQL). */
    public boolean isDuplicateKey() {
      return getCause() instanceof SQLException s && "23505".equals(s.getSQLState());
    }
  }
}
