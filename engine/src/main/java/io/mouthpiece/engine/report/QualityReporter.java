package io.mouthpiece.engine.report;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Builds a face's {@link QualityReport}. In: what the render knew ({@link FaceRun}). Out: the
 * report. Cheap: a few passes over per-frame numbers, the audio's side measured before
 * ({@link SpeechSide}); no frame is decoded again.
 */
public final class QualityReporter {
  private QualityReporter() {}

  public static QualityReport report(FaceRun run) {
    FrameCounts counts = FrameCounts.of(run.fates(), run.turned());
    LibrarySurvey library = LibrarySurvey.of(run.libraryParams(), run.sifting());
    int[] window = IntStream.range(0, run.fates().length)
        .filter(i -> run.fates()[i] != FrameFate.OUTSIDE_WINDOW).toArray();
    double[] pieceTimes = new double[window.length];
    double[] drawn = new double[window.length];
    for (int k = 0; k < window.length; k++) {
      pieceTimes[k] = run.frameTimesSec()[window[k]] - run.windowStartSec();
      drawn[k] = run.drawnAperture()[window[k]];
    }
    SyncMeasure sync = SyncMeasure.of(pieceTimes, drawn, run.speech());
    PauseMeasure pauses = PauseMeasure.of(pieceTimes, drawn, run.speech().pauses());
    Verdict verdict = Verdict.of(counts, library, sync, pauses, turnedShare(run, window));
    return new QualityReport(run.faceId(), counts, library, sync, pauses, verdict.warnings(), verdict.line(),
        run.drivenBy());
  }

  /** Share of the window's frames with the face found in which it is turned away. */
  private static double turnedShare(FaceRun run, int[] window) {
    long seen = Arrays.stream(window).filter(i -> !Double.isNaN(run.ownAperture()[i])).count();
    long turned = Arrays.stream(window).filter(i -> run.turned()[i]).count();
    return seen == 0 ? 0 : turned / (double) seen;
  }
}
