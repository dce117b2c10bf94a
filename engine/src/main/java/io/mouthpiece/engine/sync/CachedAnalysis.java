package io.mouthpiece.engine.sync;

import static java.lang.System.Logger.Level.WARNING;

import io.mouthpiece.engine.Background;
import io.mouthpiece.engine.cache.AnalysisCache;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.motion.AudioFeatures;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleConsumer;

/**
 * The analysis pass through a cache: a video analysed before (same bytes, same faces, same
 * analysis version and settings; see {@link AnalysisKey}) is read back instead of walked again, and
 * one analysed now is kept for next time. In: the cache (null: none, always compute), the video,
 * the faces, the settings. Out: the analysis and whether it came from the cache. An entry that
 * does not read back whole (damaged, cut short, of another version or key) is logged, removed and
 * computed again; a cache that fails (disk full, store down) only costs the time, never the sync.
 * Two jobs on the same new video compute it once where the cache's lock reaches
 * ({@link AnalysisCache#lock}): the second waits, then reads the first's entry.
 */
final class CachedAnalysis implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(CachedAnalysis.class.getName());

  private final AnalysisCache cache;
  private final String key;
  private final Path video;
  private final Set<String> faceIds;
  private final SyncConfig config;
  private AnalysisFile.Entry hit;
  private boolean fromCache;

  private CachedAnalysis(AnalysisCache cache, String key, Path video, Set<String> faceIds, SyncConfig config) {
    this.cache = cache;
    this.key = key;
    this.video = video;
    this.faceIds = faceIds;
    this.config = config;
  }

  /**
   * Starts hashing the video for its key on a thread of its own (a minute of 720p is ~25 MB to read
   * and hash), so the caller loads the media libraries meanwhile; a null key when there is no cache
   * or the video cannot be read (logged: the sync goes on without the cache).
   */
  static Background<String> keyOf(AnalysisCache cache, Path video, Set<String> faceIds, SyncConfig config) {
    if (cache == null) {
      return Background.done(null);
    }
    return Background.start("analysis-key", () -> {
      try {
        return AnalysisKey.of(video, faceIds, config);
      } catch (IOException | RuntimeException e) {
        LOG.log(WARNING, "analysis cache: cannot hash " + video + ", computing without the cache: " + e.getMessage());
        return null;
      }
    });
  }

  /**
   * Looks the video up under {@code key} ({@link #keyOf}), before the analysis: on a hit the entry
   * is read now, and {@code speech} is given the source's sound features it holds; else {@code
   * speech} computes them.
   */
  static CachedAnalysis lookUp(AnalysisCache cache, Background<String> keyOf, Path video, Set<String> faceIds,
      SyncConfig config, DubSpeech speech) throws MediaException {
    String key = keyOf.await();
    CachedAnalysis c = new CachedAnalysis(key == null ? null : cache, key, video, faceIds, config);
    if (c.cache != null) {
      c.hit = c.read().orElse(null);
    }
    if (c.hit != null) {
      speech.sourceSoundKnown(c.hit.sourceSound());
    } else {
      speech.computeSourceSound();
    }
    return c;
  }

  /** Whether {@link #analysis} read the analysis from the cache rather than computing it. */
  boolean fromCache() {
    return fromCache;
  }

  /**
   * The analysis: the entry found, or (under the key's lock, looking again first) computed and
   * kept, with the source's sound features {@code speech} computed meanwhile. The caller closes it.
   */
  AnalysisPass.Analysis analysis(DubSpeech speech, DoubleConsumer progress) throws MediaException {
    if (hit != null) {
      fromCache = true;
      progress.accept(1.0);
      AnalysisPass.Analysis found = hit.analysis();
      hit = null; // the caller's now
      return found;
    }
    if (cache == null) {
      return compute(progress);
    }
    AnalysisCache.KeyLock held = lock();
    try {
      // Another job may have kept it while this one waited for the lock.
      Optional<AnalysisFile.Entry> late = read();
      if (late.isPresent()) {
        fromCache = true;
        progress.accept(1.0);
        return late.get().analysis();
      }
      AnalysisPass.Analysis analysis = compute(progress);
      keep(analysis, speech);
      return analysis;
    } finally {
      release(held);
    }
  }

  private void release(AnalysisCache.KeyLock held) {
    try {
      held.close();
    } catch (IOException e) {
      LOG.log(WARNING, "analysis cache: releasing the lock of " + key + ": " + e.getMessage());
    }
  }

  /** Frees an entry read but never handed out (the job failed in between). */
  @Override
  public void close() {
    if (hit != null) {
      hit.analysis().close();
      hit = null;
    }
  }

  private AnalysisPass.Analysis compute(DoubleConsumer progress) throws MediaException {
    return AnalysisPass.run(video, faceIds, config.tracker(), config.maxExemplars(), progress);
  }

  /** The key's lock, or a no-op one when the cache cannot lock (both jobs then compute, correctly). */
  private AnalysisCache.KeyLock lock() {
    try {
      return cache.lock(key);
    } catch (IOException e) {
      LOG.log(WARNING, "analysis cache: no lock for " + key + ", computing without it: " + e.getMessage());
      return () -> {};
    }
  }

  private Optional<AnalysisFile.Entry> read() {
    Optional<InputStream> found;
    try {
      found = cache.open(key);
    } catch (IOException e) {
      LOG.log(WARNING, "analysis cache: cannot open " + key + ", computing it: " + e.getMessage());
      return Optional.empty();
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = new BufferedInputStream(found.get(), 1 << 16)) {
      return Optional.of(AnalysisFile.read(key, in));
    } catch (AnalysisFile.Damaged e) {
      LOG.log(WARNING, "analysis cache: entry " + key + " ignored and computed again: " + e.getMessage());
      try {
        cache.remove(key);
      } catch (IOException gone) {
        // it is overwritten when the new analysis is kept
      }
      return Optional.empty();
    } catch (IOException e) {
      LOG.log(WARNING, "analysis cache: cannot read " + key + ", computing it: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Keeps a fresh analysis; a failure to is logged, and the sync goes on. */
  private void keep(AnalysisPass.Analysis analysis, DubSpeech speech) {
    AudioFeatures sound;
    try {
      sound = speech.sourceSound();
    } catch (MediaException | RuntimeException e) {
      return; // the sync fails on it when it plans, with its own message
    }
    try {
      cache.put(key, out -> AnalysisFile.write(key, analysis, sound, out));
    } catch (IOException | RuntimeException e) {
      LOG.log(WARNING, "analysis cache: could not keep " + key + ": " + e.getMessage());
    }
  }
}
