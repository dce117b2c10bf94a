package io.mouthpiece.engine.sync;

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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The quality report of every dub, once the render pass is done. In: the source video, the
 * analysis, the output timeline (which source frame each output frame shows), the resolved dubs
 * and their plans (which recorded each output frame's fate while rendering).
 * Out: one {@link QualityReport} per dub, in the request's order. Reads no frame again; only the
 * source's sound is decoded once more (its first {@link SourceFace#MAX_TRAINING_US}, at the rate
 * the speech features use), for what real speech gets.
 */
final class QualityReports {
  /** The sound is read at the motion features' rate: the speech band ends at 3 kHz, well inside it. */
  private static final int SOUND_RATE = 16_000;

  private QualityReports() {}

  static List<QualityReport> of(Path video, AnalysisPass.Analysis analysis, OutputTimeline timeline,
      List<ResolvedDub> dubs, List<DubPlan> plans) throws MediaException {
    long[] times = timeline.timesUs();
    int[] sources = timeline.sourceFrames();
    double[] timesSec = new double[times.length];
    for (int i = 0; i < times.length; i++) {
      timesSec[i] = times[i] / 1e6;
    }
    PcmAudio sound = analysis.info().hasAudio()
        ? AudioReader.decodeStart(video, SOUND_RATE, 1, Math.min(analysis.endUs(), SourceFace.MAX_TRAINING_US) / 1000)
        : null;
    List<QualityReport> reports = new ArrayList<>();
    for (int d = 0; d < dubs.size(); d++) {
      FaceDub dub = dubs.get(d).dub();
      FacePlan plan = plans.get(d).face();
      FaceData face = analysis.faces().get(dub.faceId());
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
      List<double[]> mouths = library == null ? List.of() : library.exemplars().stream().map(MouthExemplar::params).toList();
      PcmAudio piece = dubs.get(d).audio().slice(dub.startMs(), dub.endMs());
      reports.add(QualityReporter.report(new FaceRun(dub.faceId(), timesSec, dub.insertMs() / 1000.0, plan.fates(),
          plan.drawnAperture(own), own, turned, mouths,
          library == null ? MouthLibrary.Sifting.UNKNOWN : library.sifting(), piece, sound,
          plans.get(d).byPhonemes() ? QualityReport.BY_PHONEMES : QualityReport.BY_SOUND)));
    }
    return reports;
  }
}
