package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.DaemonThreads;
import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.mouth.HeadPose;
import io.mouthpiece.engine.mouth.MouthExemplar;
import io.mouthpiece.engine.mouth.MouthLibrary;
import io.mouthpiece.engine.mouth.MouthParams;
import io.mouthpiece.engine.report.FaceRun;
import io.mouthpiece.engine.report.QualityReport;
import io.mouthpiece.engine.report.QualityReporter;
import io.mouthpiece.engine.report.SpeechSide;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The quality report of every dub, in two halves around the render pass. {@link #start}, before
 * it: what the source face did in every output frame, and, on a thread of its own while the render
 * runs, the audio's side ({@link SpeechSide}): the source's sound decoded once more (its first
 * {@link SourceFace#MAX_TRAINING_US}, at the rate the speech features use), each piece's envelope
 * and pauses, what real speech gets. {@link Pending#finish}, after it: the frames' fates and the
 * mouths drawn, which the plans recorded while rendering. Out: one {@link QualityReport} per dub,
 * in the request's order. Reads no frame again.
 */
final class QualityReports {
  /** The sound is read at the motion features' rate: the speech band ends at 3 kHz, well inside it. */
  private static final int SOUND_RATE = 16_000;

  private QualityReports() {}

  /** One dub's per-frame record of the source face, known before the render. */
  private record SourceRun(double[] own, boolean[] turned, List<double[]> mouths, MouthLibrary.Sifting sifting) {}

  /** The reports begun: the audio's side under way. */
  static final class Pending {
    private final List<ResolvedDub> dubs;
    private final double[] timesSec;
    private final List<SourceRun> runs;
    private final CompletableFuture<List<SpeechSide>> speech;

    private Pending(List<ResolvedDub> dubs, double[] timesSec, List<SourceRun> runs,
        CompletableFuture<List<SpeechSide>> speech) {
      this.dubs = dubs;
      this.timesSec = timesSec;
      this.runs = runs;
      this.speech = speech;
    }

    /** The reports, once the render recorded every frame's fate in {@code plans} (the dubs' order). */
    List<QualityReport> finish(List<DubPlan> plans) throws MediaException {
      List<SpeechSide> sides;
      try {
        sides = speech.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof MediaException m) {
          throw m;
        }
        throw e;
      }
      List<QualityReport> reports = new ArrayList<>();
      for (int d = 0; d < dubs.size(); d++) {
        FaceDub dub = dubs.get(d).dub();
        FacePlan plan = plans.get(d).face();
        SourceRun run = runs.get(d);
        reports.add(QualityReporter.report(new FaceRun(dub.faceId(), timesSec, dub.insertMs() / 1000.0, plan.fates(),
            plan.drawnAperture(run.own()), run.own(), run.turned(), run.mouths(), run.sifting(), sides.get(d),
            plans.get(d).byPhonemes() ? QualityReport.BY_PHONEMES : QualityReport.BY_SOUND)));
      }
      return reports;
    }
  }

  /** Begins the reports of {@code dubs} on {@code timeline}, before the render pass. */
  static Pending start(Path video, AnalysisPass.Analysis analysis, OutputTimeline timeline, List<ResolvedDub> dubs) {
    long[] times = timeline.timesUs();
    int[] sources = timeline.sourceFrames();
    double[] timesSec = new double[times.length];
    for (int i = 0; i < times.length; i++) {
      timesSec[i] = times[i] / 1e6;
    }
    List<SourceRun> runs = new ArrayList<>();
    for (ResolvedDub dub : dubs) {
      FaceData face = analysis.faces().get(dub.dub().faceId());
      double[] own = new double[times.length];
      boolean[] turned = new boolean[times.length];
      double[][] params = face.params(analysis.frames());
      for (int i = 0; i < times.length; i++) {
        double[] shown = params[sources[i]];
        own[i] = shown == null ? Double.NaN : shown[MouthParams.APERTURE];
        HeadPose pose = face.pose(sources[i]);
        turned[i] = pose != null && MouthLibrary.turned(pose);
      }
      MouthLibrary library = face.library();
      runs.add(new SourceRun(own, turned,
          library == null ? List.of() : library.exemplars().stream().map(MouthExemplar::params).toList(),
          library == null ? MouthLibrary.Sifting.UNKNOWN : library.sifting()));
    }
    boolean sound = analysis.info().hasAudio();
    long soundMs = Math.min(analysis.endUs(), SourceFace.MAX_TRAINING_US) / 1000;
    ExecutorService thread = Executors.newSingleThreadExecutor(DaemonThreads.named("report-speech"));
    CompletableFuture<List<SpeechSide>> speech = CompletableFuture.supplyAsync(() -> {
      try {
        PcmAudio source = sound ? AudioReader.decodeStart(video, SOUND_RATE, 1, soundMs) : null;
        List<SpeechSide> sides = new ArrayList<>();
        for (int d = 0; d < dubs.size(); d++) {
          FaceDub dub = dubs.get(d).dub();
          sides.add(SpeechSide.of(dubs.get(d).audio().slice(dub.startMs(), dub.endMs()), timesSec, runs.get(d).own(),
              source));
        }
        return sides;
      } catch (MediaException e) {
        throw new CompletionException(e);
      }
    }, thread);
    thread.shutdown(); // the one task runs to its end; the thread then goes
    return new Pending(dubs, timesSec, runs, speech);
  }
}
