package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.Background;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The quality report of every dub, in two halves around the render pass. {@link #start}, before
 * it: what the source face did in every output frame, and, on a thread of its own while the render
 * runs, the audio's side ({@link SpeechSide}): the source's sound decoded once more (its first
 * {@link SourceFace#MAX_TRAINING_US}, at the rate the speech features use), each piece's envelope
 * and pauses, what real speech gets (on the source's own timeline). {@link Pending#finish}, after it: the frames' fates and the
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
    private final Background<List<SpeechSide>> speech;

    private Pending(List<ResolvedDub> dubs, double[] timesSec, List<SourceRun> runs,
        Background<List<SpeechSide>> speech) {
      this.dubs = dubs;
      this.timesSec = timesSec;
      this.runs = runs;
      this.speech = speech;
    }

    /** The reports, once the render recorded every frame's fate in {@code plans} (the dubs' order). */
    List<QualityReport> finish(List<DubPlan> plans) throws MediaException {
      List<SpeechSide> sides = speech.await();
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
      for (int i = 0; i < times.length; i++) {
        own[i] = aperture(face, sources[i]);
        HeadPose pose = face.pose(sources[i]);
        turned[i] = pose != null && MouthLibrary.turned(pose);
      }
      MouthLibrary library = face.library();
      runs.add(new SourceRun(own, turned,
          library == null ? List.of() : library.exemplars().stream().map(MouthExemplar::params).toList(),
          library == null ? MouthLibrary.Sifting.UNKNOWN : library.sifting()));
    }
    // What real speech gets is the source face against the source's sound on the source's own
    // timeline, whatever the output's (a remapped or looped one shows the mouth at other times).
    double[] sourceTimesSec = new double[analysis.frames()];
    for (int i = 0; i < sourceTimesSec.length; i++) {
      sourceTimesSec[i] = analysis.frameTimesUs()[i] / 1e6;
    }
    Map<String, double[]> sourceAperture = new HashMap<>();
    for (ResolvedDub dub : dubs) {
      sourceAperture.computeIfAbsent(dub.dub().faceId(), id -> {
        double[] a = new double[sourceTimesSec.length];
        for (int i = 0; i < a.length; i++) {
          a[i] = aperture(analysis.faces().get(id), i);
        }
        return a;
      });
    }
    boolean sound = analysis.info().hasAudio();
    long soundMs = Math.min(analysis.endUs(), SourceFace.MAX_TRAINING_US) / 1000;
    Background<List<SpeechSide>> speech = Background.start("report-speech", () -> {
      PcmAudio source = sound ? AudioReader.decodeStart(video, SOUND_RATE, 1, soundMs) : null;
      List<SpeechSide> sides = new ArrayList<>();
      for (int d = 0; d < dubs.size(); d++) {
        FaceDub dub = dubs.get(d).dub();
        sides.add(SpeechSide.of(dubs.get(d).audio().slice(dub.startMs(), dub.endMs()), sourceTimesSec,
            sourceAperture.get(dub.faceId()), source));
      }
      return sides;
    });
    return new Pending(dubs, timesSec, runs, speech);
  }

  /** The face's own aperture in source frame {@code frame}; NaN where it is not seen. */
  private static double aperture(FaceData face, int frame) {
    double[] shape = face.shape(frame);
    return shape == null ? Double.NaN : shape[MouthParams.APERTURE];
  }
}
