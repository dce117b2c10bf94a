package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.Background;
import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.cache.AnalysisCache;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.VideoInfo;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.report.QualityReport;
import io.mouthpiece.engine.rules.FaceRules;
import io.mouthpiece.engine.rules.SyncMode;
import io.mouthpiece.engine.rules.TimingRules;
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
 * exemplars chosen, its piece of the mix ({@link DubPlan}), on the output's timeline (the
 * source's own, or extended for a piece longer than the video: {@link OutputTimeline}) → the
 * render, a second walk that draws the chosen mouths and encodes with the mixed soundtrack
 * ({@link RenderPass}). Neither walk holds more than a few frames; the dubs' speech is decoded
 * meanwhile ({@link DubSpeech}).
 */
public final class SyncJob {
  private SyncJob() {}

  /**
   * Runs the job, the result file complete when this returns; the analysis read from {@code cache} when this video was analysed before and
   * kept there when not ({@link CachedAnalysis}); null: no cache. Either way the frames written are
   * the same, bit for bit.
   */
  public static SyncResult run(SyncRequest request, SyncConfig config, AnalysisCache cache, Progress progress)
      throws MediaException {
    config.checkValidity();
    // One way of extending the video per request: refused before the walk, as it needs no media.
    InvalidRequestException.throwIfAny(TimingRules.checkModes(request.faces().stream().map(FaceDub::mode).toList()));
    Optional<Set<String>> named = namedFaces(request);
    long startNs = System.nanoTime();
    progress.update(Progress.LOADING, 0);
    // The video is hashed for the cache's key while its header is read (the first read loads FFmpeg).
    Background<String> key = CachedAnalysis.keyOf(cache, request.video(), named.orElse(null), config);
    // The speech is decoded while the cache is looked in; the source's sound comes from the entry or is computed.
    try (DubSpeech speech = DubSpeech.startSpeech(request.faces(), request.video(), header(request.video()),
            config.encoding().audioSampleRate());
        CachedAnalysis cached = CachedAnalysis.lookUp(cache, key, request.video(), named.orElse(null), config,
            speech);
        AnalysisPass.Analysis analysis = cached.analysis(speech, progress.stage(Progress.TRACKING, 0, 0.45))) {
      long analysedNs = System.nanoTime();
      progress.update(Progress.PLANNING, 0.45);
      List<ResolvedDub> dubs = ResolvedDub.resolveAll(speech.pieces(), request.originalGain(), analysis,
          speech.sourceSound());
      List<String> faceIds = dubs.stream().map(d -> d.dub().faceId()).toList();
      // The faces measured only to choose the default one are not drawn: their libraries go now.
      analysis.keepOnly(Set.copyOf(faceIds));
      int loopFrom = OutputTimeline.extension(dubs, analysis.endUs()) == SyncMode.LOOP
          ? LoopJoin.restartFrame(request.video(), analysis.frames()) : 0;
      OutputTimeline timeline = OutputTimeline.of(dubs, analysis.frameTimesUs(), analysis.endUs(),
          analysis.info().frameRate(), loopFrom);
      List<DubPlan> plans = DubPlan.planAll(dubs, analysis, timeline, speech.sourceSound(), config);
      long plannedNs = System.nanoTime();
      QualityReports.Pending quality = QualityReports.start(request.video(), analysis, timeline, dubs);
      double encodeSec = RenderPass.run(request, analysis, timeline, plans, config, progress);
      long doneNs = System.nanoTime();
      // After the render, whose frames recorded what was drawn; the audio's side was measured meanwhile.
      // Its cost (hundredths of a second) is in no stage's timing, only in a caller's total.
      List<QualityReport> reports = quality.finish(plans);
      progress.update(Progress.FINISHING, 1.0);
      return new SyncResult(analysis.info(), timeline.frames(), timeline.endUs(), faceIds,
          (analysedNs - startNs) / 1e9, (plannedNs - analysedNs) / 1e9, (doneNs - plannedNs) / 1e9, encodeSec,
          analysis.endUs(),
          reports, cached.fromCache());
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
