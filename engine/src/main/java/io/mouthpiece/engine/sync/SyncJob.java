package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.face.FaceTrack;
import io.mouthpiece.engine.media.AudioPiece;
import io.mouthpiece.engine.media.AudioPlan;
import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.AudioStream;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.media.ReadAhead;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoInfo;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.media.VideoWriter;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.render.ExemplarSelector;
import io.mouthpiece.engine.rules.FaceRules;
import io.mouthpiece.engine.rules.TimingRules;
import io.mouthpiece.engine.rules.Violation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleConsumer;

/**
 * A whole lip-sync, in two walks through the video. First: track the faces, measure their
 * mouths, build their libraries (see {@link AnalysisPass}). Between: check the request against
 * what was found, predict each face's mouth from its speech, choose exemplars. Second: decode
 * again, draw the chosen mouths, encode with the mixed soundtrack. Neither walk holds more than
 * a few frames.
 */
public final class SyncJob {
  /** Speech is analysed at this rate; the output soundtrack is mixed at the encoder's. */
  static final int MOTION_RATE = 16_000;
  /**
   * The speaker is learned from the source's first minute at most: the models need seconds of
   * speech, not hours (the shared clips teach them in 2-8 s), and a bounded source keeps the
   * job's memory the same whatever the video's length.
   */
  static final long MAX_TRAINING_US = 60_000_000;

  private SyncJob() {}

  /** Runs the job; the result file is complete when this returns. */
  public static SyncResult run(SyncRequest request, SyncOptions options, Progress progress) throws MediaException {
    boolean unnamed = request.faces().stream().anyMatch(f -> f.faceId() == null);
    if (!unnamed) {
      checkDistinctFaces(request);
    }
    Set<String> ids = new LinkedHashSet<>();
    request.faces().forEach(f -> ids.add(f.faceId()));
    long startNs = System.nanoTime();
    progress.update(Progress.LOADING, 0);
    try (DubSpeech speech = DubSpeech.start(request.faces(), request.video(), header(request.video()),
            options.encoding().audioSampleRate());
        AnalysisPass.Analysis analysis = AnalysisPass.run(request.video(), unnamed ? null : ids, options.tracker(),
            options.maxExemplars(), progress.stage(Progress.TRACKING, 0, 0.45))) {
      if (unnamed) {
        request = largestFaceWhereUnnamed(request, analysis);
        checkDistinctFaces(request);
        Set<String> chosen = new LinkedHashSet<>();
        request.faces().forEach(f -> chosen.add(f.faceId()));
        analysis.keepOnly(chosen);
      }
      long analysedNs = System.nanoTime();
      progress.update(Progress.PLANNING, 0.45);
      List<PcmAudio> mixPieces = new ArrayList<>();
      request = resolve(request, analysis, speech, mixPieces);
      AudioFeatures ownSound = speech.sourceSound();
      List<FacePlan> plans = new ArrayList<>();
      ExemplarSelector selector = new ExemplarSelector(options.selection());
      for (int i = 0; i < request.faces().size(); i++) {
        plans.add(plan(request.faces().get(i), speech.of(i, request.faces().get(i)), analysis, ownSound, options, selector));
      }
      long plannedNs = System.nanoTime();
      renderPass(request, analysis, plans, mixPieces, options, progress);
      progress.update(Progress.FINISHING, 1.0);
      long doneNs = System.nanoTime();
      return new SyncResult(analysis.info(), analysis.frames(), analysis.endUs(),
          request.faces().stream().map(FaceDub::faceId).toList(),
          (analysedNs - startNs) / 1e9, (plannedNs - analysedNs) / 1e9, (doneNs - plannedNs) / 1e9);
    }
  }

  /**
   * Names the largest face (largest on average over its frames, as identify measures it) for every
   * dub that names none. The analysis looked at every face for this, in the same walk, so no
   * second pass over the video is needed.
   */
  private static SyncRequest largestFaceWhereUnnamed(SyncRequest request, AnalysisPass.Analysis analysis) {
    Optional<FaceTrack> largest = analysis.tracks().stream().max(java.util.Comparator.comparingDouble(FaceTrack::sizePx));
    if (largest.isEmpty()) {
      int unnamed = request.faces().indexOf(request.faces().stream().filter(f -> f.faceId() == null).findFirst().orElseThrow());
      throw new InvalidRequestException(List.of(FaceRules.noFace(unnamed)));
    }
    List<FaceDub> named = new ArrayList<>();
    for (FaceDub dub : request.faces()) {
      named.add(dub.faceId() == null ? dub.resolved(largest.get().faceId(), dub.endMs()) : dub);
    }
    return new SyncRequest(request.video(), named, request.originalGain(), request.out());
  }

  private static void checkDistinctFaces(SyncRequest request) {
    List<Violation> problems = FaceRules.checkDistinct(request.faces().stream().map(FaceDub::faceId).toList());
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
  }

  /**
   * Checks every face and its timing against what the analysis found and ends open pieces at
   * their audio's end (or the video's); puts each dub's whole audio, decoded for mixing, into
   * {@code pieces}.
   */
  private static SyncRequest resolve(SyncRequest request, AnalysisPass.Analysis analysis, DubSpeech speech,
      List<PcmAudio> pieces) throws MediaException {
    List<Violation> problems = new ArrayList<>();
    List<FaceDub> resolved = new ArrayList<>();
    long videoMs = analysis.endUs() / 1000;
    for (int i = 0; i < request.faces().size(); i++) {
      FaceDub dub = request.faces().get(i);
      String faceId = dub.faceId();
      Optional<FaceTrack> track = analysis.tracks().stream().filter(t -> t.faceId().equals(faceId)).findFirst();
      if (track.isEmpty()) {
        problems.add(FaceRules.checkShown(i, faceId, analysis.tracks().stream().map(FaceTrack::faceId).toList()).orElseThrow());
        pieces.add(null);
        resolved.add(dub);
        continue;
      }
      PcmAudio audio = speech.audio(i, dub);
      if (dub.endMs() == FaceDub.TO_AUDIO_END) {
        // No end was given, so a too-short piece is the fault of a value that was: name that one alone.
        List<Violation> room = TimingRules.checkOpenEnd(i, dub.startMs(), dub.insertMs(), audio.durationMs(), videoMs);
        if (!room.isEmpty()) {
          problems.addAll(room);
          pieces.add(audio);
          resolved.add(dub);
          continue;
        }
        dub = dub.resolved(faceId, TimingRules.openEndMs(dub.startMs(), dub.insertMs(), audio.durationMs(), videoMs));
      }
      resolved.add(dub);
      TimingRules.DubTiming timing = new TimingRules.DubTiming(dub.startMs(), dub.endMs(), dub.insertMs(), dub.gain(),
          request.originalGain());
      problems.addAll(TimingRules.check(i, timing, audio.durationMs(), videoMs, track.get().startMs(), track.get().endMs()));
      pieces.add(audio);
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return new SyncRequest(request.video(), resolved, request.originalGain(), request.out());
  }

  /** What the video's header says, before any frame is decoded. */
  private static VideoInfo header(java.nio.file.Path video) throws MediaException {
    try (VideoReader reader = VideoReader.open(video)) {
      return reader.info();
    }
  }

  /** Plans one face; {@code speech} is its piece's audio features. */
  private static FacePlan plan(FaceDub dub, AudioFeatures speech, AnalysisPass.Analysis analysis, AudioFeatures ownSound,
      SyncOptions options, ExemplarSelector selector) {
    FaceData face = analysis.faces().get(dub.faceId());
    long[] times = analysis.frameTimesUs();
    long windowStartUs = dub.insertMs() * 1000;
    long windowEndUs = dub.insertEndMs() * 1000;
    List<Integer> inWindow = new ArrayList<>();
    for (int i = 0; i < times.length; i++) {
      if (times[i] >= windowStartUs && times[i] < windowEndUs && face.seen(i)) {
        inWindow.add(i);
      }
    }
    double[][] wanted = new double[times.length][];
    if (!inWindow.isEmpty() && face.library() != null && face.library().size() > 0) {
      double[] pieceTimes = new double[inWindow.size()];
      for (int k = 0; k < pieceTimes.length; k++) {
        pieceTimes[k] = (times[inWindow.get(k)] - windowStartUs) / 1e6;
      }
      int taught = 0;
      while (taught < times.length && times[taught] < MAX_TRAINING_US) {
        taught++;
      }
      double[] sourceTimes = new double[taught];
      for (int i = 0; i < taught; i++) {
        sourceTimes[i] = times[i] / 1e6;
      }
      SourceFace source = new SourceFace(sourceTimes, face.params(taught), ownSound);
      double[][] predicted = options.motion().predict(source, speech, pieceTimes);
      for (int k = 0; k < pieceTimes.length; k++) {
        wanted[inWindow.get(k)] = predicted[k];
      }
    }
    return FacePlan.of(face, times, wanted, windowStartUs, windowEndUs, options.crossFadeMs() * 1000, selector);
  }

  private static void renderPass(SyncRequest request, AnalysisPass.Analysis analysis, List<FacePlan> plans,
      List<PcmAudio> pieces, SyncOptions options, Progress progress) throws MediaException {
    VideoInfo info = analysis.info();
    int rate = options.encoding().audioSampleRate();
    List<AudioPiece> placed = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      FaceDub dub = request.faces().get(i);
      placed.add(new AudioPiece(pieces.get(i), dub.startMs(), dub.endMs(), dub.insertMs(), dub.gain()));
    }
    AudioStream original = info.hasAudio() ? AudioReader.open(request.video(), rate, 2) : null;
    AudioStream soundtrack = new AudioPlan(placed, request.originalGain()).mix(original, analysis.endUs(), rate, 2);
    int written = 0;
    DoubleConsumer rendered = progress.stage(Progress.RENDERING, 0.5, 0.99);
    // I420 frames, as the encoder takes them: only the rectangles mouths are drawn in go through BGR.
    try (ReadAhead frames = new ReadAhead(VideoReader.open(request.video(), VideoFrame.Layout.I420));
        VideoWriter out = VideoWriter.open(request.out(), info.width(), info.height(), info.frameRate(), soundtrack,
            options.encoding())) {
      Optional<VideoFrame> next;
      while ((next = frames.read()).isPresent()) {
        try (VideoFrame frame = next.get()) {
          for (FacePlan plan : plans) {
            plan.render(frame);
          }
          out.write(frame);
          written++;
          rendered.accept(written / (double) analysis.frames());
        }
      }
      progress.update(Progress.FINISHING, 0.99);
      out.finish();
    }
    if (written != analysis.frames()) {
      throw new MediaException("the video gave " + written + " frames on the second reading and " + analysis.frames()
          + " on the first; is the file changing?");
    }
  }
}
