package io.mouthpiece.app.eval;

import io.mouthpiece.engine.motion.MotionConfig;
import io.mouthpiece.engine.mouth.MouthParams;
import io.mouthpiece.engine.quality.ApertureTrack;
import io.mouthpiece.engine.sync.Motions;
import io.mouthpiece.engine.sync.MouthMotion;

/**
 * The engines the evaluation compares, all rendering the same way and differing only in how the
 * mouth's motion is predicted: ours (the trained model), the loudness baseline, and, for the
 * half-split, an oracle driven by the real second half's mouth (the renderer's ceiling).
 */
final class Engines {
  static final String OURS = "ours";
  static final String LOUDNESS = "loudness";
  static final String ORACLE = "oracle";

  private Engines() {}

  static MouthMotion ours() {
    return Motions.trained(MotionConfig.DEFAULT);
  }

  static MouthMotion loudness() {
    return Motions.loudness(MotionConfig.DEFAULT);
  }

  /**
   * The real mouth of a clip from {@code offsetSec} on: frame times of the piece plus the offset
   * are looked up in the clip's measured track (nearest frame).
   */
  static MouthMotion oracle(ApertureTrack full, double offsetSec) {
    return (source, piece, times) -> {
      double[][] out = new double[times.length][];
      for (int k = 0; k < times.length; k++) {
        int i = nearest(full.timesSec(), times[k] + offsetSec);
        out[k] = full.shapes()[i] == null ? null : MouthParams.of(full.shapes()[i]);
      }
      return out;
    };
  }

  private static int nearest(double[] sorted, double t) {
    int i = java.util.Arrays.binarySearch(sorted, t);
    if (i >= 0) {
      return i;
    }
    int after = -i - 1;
    if (after >= sorted.length) {
      return sorted.length - 1;
    }
    if (after == 0) {
      return 0;
    }
    return t - sorted[after - 1] <= sorted[after] - t ? after - 1 : after;
  }
}
