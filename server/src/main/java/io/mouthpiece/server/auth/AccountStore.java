package io.mouthpiece.server.auth;

import io.mouthpiece.server.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Accounts and their keys, in the database. API keys are kept as SHA-256 hashes. */
public final class AccountStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String COLUMNS = "id, name, access_key, secret_key, disabled, created_at";

  private final Database db;

  public AccountStore(Database db) {
    this.db = db;
  }

  /** Creates an account with fresh keys; the only time the API key is seen in clear. */
  public AccountKeys create(String name) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("--name: must be 1 to 200 characters");
    }
    // Names are what people type to disable an account: two of one name would make that ambiguous.
    Optional<String> taken = db.queryOne("SELECT id FROM accounts WHERE name = ?", rs -> rs.getString(1), name);
    if (taken.isPresent()) {
      throw new IllegalArgumentException("--name: an account named " + name + " exists already (account_id "
          + taken.get() + "); choose another name");
    }
    AccountKeys keys = new AccountKeys(randomId(), name, "mp_" + random(32), random(18), random(32));
    db.update("INSERT INTO accounts (id, name, api_key_hash, access_key, secret_key, disabled, created_at)"
            + " VALUES (?, ?, ?, ?, ?, FALSE, ?)",
        keys.accountId(), name, sha256(keys.apiKey()), keys.accessKey(), keys.secretKey(), System.currentTimeMillis());
    return keys;
  }

  /**
   * Disables or enables one account, named by its id or its name (a disabled one is refused with
   * 1100), and returns it as it was found. Throws, saying why, when none matches or when a name
   * matches several (accounts made before names had to differ): then only an id says which.
   */
  public Account setDisabled(String accountIdOrName, boolean disabled) {
    List<Account> matches = db.query("SELECT " + COLUMNS + " FROM accounts WHERE id = ? OR name = ? ORDER BY created_at",
        AccountStore::row, accountIdOrName, accountIdOrName);
    Optional<Account> byId = matches.stream().filter(a -> a.id().equals(accountIdOrName)).findFirst();
    if (matches.isEmpty()) {
      throw new IllegalArgumentException("ACCOUNT: no account with id or name " + accountIdOrName);
    }
    if (byId.isEmpty() && matches.size() > 1) {
      throw new IllegalArgumentException("ACCOUNT: " + matches.size() + " accounts are named " + accountIdOrName
          + " (account_id " + String.join(", ", matches.stream().map(Account::id).toList()) + "); give the id");
    }
    Account account = byId.orElse(matches.get(0));
    db.update("UPDATE accounts SET disabled = ? WHERE id = ?", disabled, account.id());
    return account;
  }

  public List<Account> list() {
    return db.query("SELECT " + COLUMNS + " FROM accounts ORDER BY created_at", AccountStore::row);
  }

  public boolean isEmpty() {
    return db.queryOne("SELECT COUNT(*) FROM accounts", rs -> rs.getLong(1)).orElse(0L) == 0;
  }

  public Optional<Account> byApiKey(String apiKey) {
    return byApiKeyHash(sha256(apiKey));
  }

  public Optional<Account> byApiKeyHash(String hash) {
    return db.queryOne("SELECT " + COLUMNS + " FROM accounts WHERE api_key_hash = ?", AccountStore::row, hash);
  }

  public Optional<Account> byAccessKey(String accessKey) {
    return db.queryOne("SELECT " + COLUMNS + " FROM accounts WHERE access_key = ?", AccountStore::row, accessKey);
  }

  private static Account row(ResultSet rs) throws SQLException {
    return new Account(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getLong(6));
  }

  /** A random id: 128 bits, URL-safe; unguessable, so download URLs can be capabilities. */
  public static String randomId() {
    return random(16);
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b).replace('-', 'x').replace('_', 'y');
  }

  /** SHA-256 hex: how API keys are kept. */
  public static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
