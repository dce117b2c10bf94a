package io.mouthpiece.server.media;

import io.mouthpiece.engine.media.VideoInfo;
import io.mouthpiece.server.auth.AccountStore;
import io.mouthpiece.server.config.ServerConfig;
import io.mouthpiece.server.fetch.FetchException;
import io.mouthpiece.server.fetch.SafeFetcher;
import io.mouthpiece.server.store.FileIndex;
import io.mouthpiece.server.store.FileStore;
import io.mouthpiece.server.store.StoredFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a request names (a URL, an id, Base64, an upload) into a checked file the account
 * owns: fetched within bounds, decoded to check it, stored with its expiry. A URL this service
 * handed out is not fetched over the network: it names a stored file directly.
 */
public final class Inputs {
  private static final Logger LOG = LoggerFactory.getLogger(Inputs.class);
  private static final Pattern OWN_URL = Pattern.compile("(?:/kling)?/v1/files/([A-Za-z0-9]+)/content");

  private final FileStore store;
  private final FileIndex index;
  private final SafeFetcher fetcher;
  private final MediaRules rules;
  private final ServerConfig config;
  private final Supplier<String> baseUrl;
  private final Clock clock;

  /** @param clock dates stored files and tells the expired ones, which are no longer anyone's input */
  public Inputs(FileStore store, FileIndex index, SafeFetcher fetcher, ServerConfig config, Supplier<String> baseUrl,
      Clock clock) {
    this.store = store;
    this.index = index;
    this.fetcher = fetcher;
    this.rules = new MediaRules(config.media());
    this.config = config;
    this.baseUrl = baseUrl;
    this.clock = clock;
  }

  /** The file a URL of ours names, if it is one. */
  public Optional<String> ownFileId(String url) {
    String base = baseUrl.get();
    if (url == null || !url.startsWith(base)) {
      return Optional.empty();
    }
    Matcher m = OWN_URL.matcher(url.substring(base.length()));
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** A video by URL or by id (exactly one is non-null), checked against the video rules. */
  public StoredFile video(String accountId, String urlField, String url, String idField, String id)
      throws InputRejected, FetchException {
    String fileId = id != null ? id : ownFileId(url).orElse(null);
    if (fileId != null) {
      StoredFile f = owned(accountId, id != null ? idField : urlField, fileId);
      if (!"video".equals(f.kind())) {
        throw new InputRejected((id != null ? idField : urlField) + ": file " + fileId + " is " + f.kind() + ", not a video");
      }
      return f;
    }
    Path tmp = download(urlField, url, config.media().maxVideoBytes(), ".video");
    return keepVideo(accountId, urlField, tmp);
  }

  /** An audio by URL (fetched, or ours), checked by decoding. */
  public StoredFile audioUrl(String accountId, String field, String url) throws InputRejected, FetchException {
    Optional<String> own = ownFileId(url);
    if (own.isPresent()) {
      return audioById(accountId, field, own.get());
    }
    Path tmp = download(field, url, config.media().maxAudioBytes(), ".audio");
    return keepAudio(accountId, field, tmp);
  }

  /** An audio the account holds (an upload, [ours]). */
  public StoredFile audioById(String accountId, String field, String id) throws InputRejected {
    StoredFile f = owned(accountId, field, id);
    if (!"audio".equals(f.kind())) {
      throw new InputRejected(field + ": file " + id + " is " + f.kind() + ", not audio");
    }
    return f;
  }

  /** Audio sent inline (Base64 already decoded), checked by decoding. */
  public StoredFile audioBytes(String accountId, String field, byte[] bytes) throws InputRejected {
    Path tmp = temp(".audio");
    return keepOrDelete(tmp, () -> {
      write(tmp, bytes);
      return storeAudio(accountId, field, tmp);
    });
  }

  /**
   * Downloads into a fresh temp file. Whatever ends a download early (a body over the limit, a
   * refused address, a timeout) deletes the file: a caller can otherwise fill the disk with parts.
   */
  private Path download(String field, String url, long maxBytes, String suffix) throws FetchException {
    Path tmp = temp(suffix);
    try {
      fetcher.download(field, url, maxBytes, tmp);
      return tmp;
    } catch (FetchException | RuntimeException | Error e) {
      deleteQuietly(tmp);
      throw e;
    }
  }

  /** An upload: a video if it decodes as one under the video rules, else audio if it decodes as audio. */
  public StoredFile upload(String accountId, Path tmp) throws InputRejected {
    return keepOrDelete(tmp, () -> {
      try {
        return storeVideo(accountId, "file", tmp);
      } catch (InputRejected asVideo) {
        if (!asVideo.undecodable()) {
          throw asVideo; // a video, but refused (too long, too small): that is the answer
        }
        try {
          return storeAudio(accountId, "file", tmp);
        } catch (InputRejected asAudio) {
          if (!asAudio.undecodable()) {
            throw asAudio; // audio, but refused (too long, too large): that is the answer
          }
          // Each attempt's own reason would say the same twice, nested: one line is enough.
          throw new InputRejected("file: neither a decodable video nor decodable audio");
        }
      }
    });
  }

  private StoredFile keepVideo(String accountId, String field, Path tmp) throws InputRejected {
    return keepOrDelete(tmp, () -> storeVideo(accountId, field, tmp));
  }

  /** Audio in a temp file of ours (e.g. synthesised speech): kept as the account's if it passes the audio rules, else deleted. */
  public StoredFile keepAudio(String accountId, String field, Path tmp) throws InputRejected {
    return keepOrDelete(tmp, () -> storeAudio(accountId, field, tmp));
  }

  private StoredFile storeVideo(String accountId, String field, Path tmp) throws InputRejected {
    VideoInfo info = rules.checkVideo(field, tmp, size(tmp));
    return record(save(accountId, "video", "video/mp4", ".mp4", tmp, info.durationMs()));
  }

  private StoredFile storeAudio(String accountId, String field, Path tmp) throws InputRejected {
    long ms = rules.checkAudio(field, tmp, size(tmp));
    return record(save(accountId, "audio", "application/octet-stream", ".audio", tmp, ms));
  }

  /** A step that keeps a downloaded or uploaded file, or rejects it. */
  @FunctionalInterface
  private interface Keep {
    StoredFile keep() throws InputRejected;
  }

  /** Runs {@code keep}; when it fails in any way, the temporary file is deleted, never left behind. */
  private static StoredFile keepOrDelete(Path tmp, Keep keep) throws InputRejected {
    try {
      return keep.keep();
    } catch (InputRejected | RuntimeException | Error e) {
      deleteQuietly(tmp);
      throw e;
    }
  }

  /** Stores a finished local file for the account under a fresh id, until the results' retention ends. */
  public StoredFile save(String accountId, String kind, String contentType, String ext, Path tmp, Long durationMs) {
    return save(AccountStore.randomId(), accountId, kind, contentType, ext, tmp, durationMs);
  }

  /**
   * Same, under a given id: a re-run of the same step replaces its file instead of adding one. The
   * temp file is used up either way: moved into the store, or deleted when that fails.
   */
  public StoredFile save(String id, String accountId, String kind, String contentType, String ext, Path tmp, Long durationMs) {
    String key = accountId + "/" + id + ext;
    try {
      long size = size(tmp);
      store.putFile(key, tmp);
      return stored(id, accountId, kind, key, contentType, size, durationMs);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      deleteQuietly(tmp);
      throw e;
    }
  }

  /** Stores bytes made here (a face crop) for the account under a fresh id, straight from memory. */
  public StoredFile saveBytes(String accountId, String kind, String contentType, String ext, byte[] bytes) {
    String id = AccountStore.randomId();
    String key = accountId + "/" + id + ext;
    try {
      store.putBytes(key, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return stored(id, accountId, kind, key, contentType, bytes.length, null);
  }

  /** The record of a file just put in the store, kept until the results' retention ends. */
  private StoredFile stored(String id, String accountId, String kind, String key, String contentType, long size,
      Long durationMs) {
    long now = clock.millis();
    return new StoredFile(id, accountId, kind, key, contentType, size, durationMs, now,
        now + config.retention().results().toMillis());
  }

  /** Deletes a temp file that is not to be kept (a render that failed or was stopped); absent is fine. */
  public void discard(Path tmp) {
    deleteQuietly(tmp);
  }

  /** Deletes a file moved into the store that will not be recorded after all (its task finished meanwhile). */
  public void delete(StoredFile f) {
    try {
      store.delete(f.storageKey());
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}; the retention sweep removes it as unrecorded", f.storageKey(), e.toString());
    }
  }

  /** Records a stored file in the index (separate from {@link #save} so a result can be recorded in its task's transaction). */
  public StoredFile record(StoredFile f) {
    index.add(f);
    return f;
  }

  public Path localPath(StoredFile f) throws IOException {
    return store.localPath(f.storageKey());
  }

  private StoredFile owned(String accountId, String field, String id) throws InputRejected {
    return findOwned(accountId, id).orElseThrow(() -> new InputRejected(noFile(field, id)));
  }

  /** A file the account holds and that has not expired; empty when unknown, expired or another account's. */
  public Optional<StoredFile> findOwned(String accountId, String id) {
    return index.findOwned(accountId, id, clock.millis());
  }

  /** What a client is told of an id that names no file of theirs: never whether another account has it. */
  public static String noFile(String field, String id) {
    return field + ": no file " + id + " (unknown, expired, or not yours)";
  }

  /** A temp file in the store, so keeping it is a rename. */
  public Path temp(String suffix) {
    try {
      return store.tempFile(suffix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path p, byte[] bytes) {
    try {
      Files.write(p, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a temp file; the hourly temp sweep gets it later
    }
  }
}
