package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.cache.AnalysisCache;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.VideoInfo;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.rules.FaceRules;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A whole lip-sync, as a chain of stages, each a function of what the one before produced:
 * the request → the analysis, a first walk through the video that tracks the faces, measures
 * their mouths and builds their libraries ({@link AnalysisPass}) → each dub resolved against what
 * was found ({@link ResolvedDub}) → each dub planned: its mouths predicted from its speech,
 * exemplars chosen, its piece of the mix ({@link DubPlan}) → the render, a second walk that draws
 * the chosen mouths and encodes with the mixed soundtrack ({@link RenderPass}). Neither walk holds
 * more than a few frames; the dubs' speech is decoded meanwhile ({@link DubSpeech}).
 */
public final class SyncJob {
  private SyncJob() {}

  /** Runs the job; the result file is complete when this returns. */
  public static SyncResult run(SyncRequest request, SyncConfig config, Progress progress) throws MediaException {
    return run(request, config, null, progress);
  }

  /**
   * The same, with the analysis read from {@code cache} when this video was analysed before and
   * kept there when not ({@link CachedAnalysis}); null: no cache. Either way the frames written are
   * the same, bit for bit.
   */
  public static SyncResult run(SyncRequest request, SyncConfig config, AnalysisCache cache, Progress progress)
      throws MediaException {
    config.checkValidity();
    Optional<Set<String>> named = namedFaces(request);
    long startNs = System.nanoTime();
    progress.update(Progress.LOADING, 0);
    // The speech is decoded while the cache is looked in; the source's sound comes from the entry or is computed.
    try (DubSpeech speech = DubSpeech.startSpeech(request.faces(), request.video(), header(request.video()),
            config.encoding().audioSampleRate());
        CachedAnalysis cached = CachedAnalysis.lookUp(cache, request.video(), named.orElse(null), config, speech);
        AnalysisPass.Analysis analysis = cached.analysis(speech, progress.stage(Progress.TRACKING, 0, 0.45))) {
      long analysedNs = System.nanoTime();
      progress.update(Progress.PLANNING, 0.45);
      List<ResolvedDub> dubs = ResolvedDub.resolveAll(speech.pieces(), request.originalGain(), analysis);
      List<String> faceIds = dubs.stream().map(d -> d.dub().faceId()).toList();
      // The faces measured only to find the largest are not drawn: their libraries go now.
      analysis.keepOnly(Set.copyOf(faceIds));
      List<DubPlan> plans = DubPlan.planAll(dubs, analysis, speech.sourceSound(), config);
      long plannedNs = System.nanoTime();
      RenderPass.run(request, analysis, plans, config, progress);
      progress.update(Progress.FINISHING, 1.0);
      long doneNs = System.nanoTime();
      return new SyncResult(analysis.info(), analysis.frames(), analysis.endUs(), faceIds,
          (analysedNs - startNs) / 1e9, (plannedNs - analysedNs) / 1e9, (doneNs - plannedNs) / 1e9, cached.fromCache());
    }
  }

  /**
   * The faces to analyse when every dub names one, checked to differ before the walk; empty when
   * a dub names none, so the walk measures every face and the largest is chosen after it.
   */
  private static Optional<Set<String>> namedFaces(SyncRequest request) {
    if (request.faces().stream().anyMatch(f -> f.faceId() == null)) {
      return Optional.empty();
    }
    List<String> ids = request.faces().stream().map(FaceDub::faceId).toList();
    InvalidRequestException.throwIfAny(FaceRules.checkDistinct(ids));
    return Optional.of(new LinkedHashSet<>(ids));
  }

  /** What the video's header says, before any frame is decoded. */
  private static VideoInfo header(Path video) throws MediaException {
    try (VideoReader reader = VideoReader.open(video)) {
      return reader.info();
    }
  }
}
