package io.mouthpiece.server.store;

import io.mouthpiece.engine.cache.AnalysisCache;
import io.mouthpiece.engine.cache.KeyLocks;
import io.mouthpiece.server.auth.AccountStore;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The engine's analysis cache in the service's file store, so a second task on the same video
 * skips the analysis on whichever worker runs it: on disk under {@code DATA_DIR/files}, or in the
 * bucket when scaled out. Each account has its own entries ({@code ACCOUNT/analysis/KEY.analysis}),
 * so accounts never share one (nor learn from a fast task that another uploaded the same video).
 * Each entry is a stored file of kind {@code analysis}, recorded in the file index: it expires and
 * is deleted with the account's other files (retention.results after it was made), and one that
 * has expired is not read. The key's lock is this process's: two workers of one process compute a
 * new video once; two processes may both compute it, and both write whole entries (a rename on
 * disk, a whole PUT in the bucket), the last one standing.
 */
public final class StoredAnalysisCache {
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{16,128}");

  private final FileStore store;
  private final FileIndex index;
  private final Clock clock;
  private final long retentionMs;
  private final KeyLocks locks = new KeyLocks();

  /** @param retentionMs how long an entry is kept after it is made: the account's results' retention */
  public StoredAnalysisCache(FileStore store, FileIndex index, Clock clock, long retentionMs) {
    this.store = store;
    this.index = index;
    this.clock = clock;
    this.retentionMs = retentionMs;
  }

  /** The cache of one account's tasks. */
  public AnalysisCache forAccount(String accountId) {
    return new AccountCache(accountId);
  }

  private final class AccountCache implements AnalysisCache {
    private final String accountId;

    AccountCache(String accountId) {
      this.accountId = accountId;
    }

    private String storageKey(String key) {
      if (!KEY.matcher(key).matches()) {
        throw new IllegalArgumentException("bad cache key: " + key);
      }
      return accountId + "/analysis/" + key + ".analysis";
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
      String storageKey = storageKey(key);
      // Only a recorded, unexpired entry: an object without a row is a write that never committed.
      if (index.findByKey(storageKey, clock.millis()).isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(Files.newInputStream(store.localPath(storageKey)));
      } catch (FileNotFoundException gone) {
        return Optional.empty();
      }
    }

    @Override
    public void put(String key, EntryWriter writer) throws IOException {
      String storageKey = storageKey(key);
      Path part = store.tempFile(".analysis");
      try {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
          writer.writeTo(out);
        }
        long size = Files.size(part);
        store.putFile(storageKey, part);
        long now = clock.millis();
        if (index.findByKey(storageKey, now).isEmpty()) {
          index.add(new StoredFile(AccountStore.randomId(), accountId, "analysis", storageKey, "application/octet-stream",
              size, null, now, now + retentionMs));
        }
      } finally {
        Files.deleteIfExists(part); // moved into the store when it worked
      }
    }

    @Override
    public void remove(String key) throws IOException {
      store.delete(storageKey(key)); // its row stays until it expires; the entry written next is recorded by it
    }

    @Override
    public KeyLock lock(String key) {
      return locks.lock(storageKey(key));
    }
  }
}
