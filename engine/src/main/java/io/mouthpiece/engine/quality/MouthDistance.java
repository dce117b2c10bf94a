package io.mouthpiece.engine.quality;

import io.mouthpiece.engine.mouth.MouthShape;

/**
 * How far one mouth trajectory is from another (the half-split reconstruction's landmark error).
 * In: two {@link ApertureTrack}s whose frame i shows the same moment (e.g. the output dubbed with
 * a clip's second-half audio, and that real second half): frames are paired by index, so the
 * caller lines them up. Out: per frame the Euclidean distance between the two {@link MouthShape}s,
 * in inter-ocular units (the shapes are in the face's own frame, so head position and size do not
 * count); NaN where either has no face. The mean is over frames with a face in both.
 */
public final class MouthDistance {
  private MouthDistance() {}

  /** Distance per frame over the frames both tracks have; NaN where either lacks a face. */
  public static double[] perFrame(ApertureTrack a, ApertureTrack b) {
    int n = Math.min(a.size(), b.size());
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      MouthShape sa = a.shapes()[i];
      MouthShape sb = b.shapes()[i];
      d[i] = sa == null || sb == null ? Double.NaN : sa.distance(sb);
    }
    return d;
  }

  /** Mean distance over frames with a face in both; NaN when there are none. */
  public static double mean(ApertureTrack a, ApertureTrack b) {
    double sum = 0;
    int n = 0;
    for (double d : perFrame(a, b)) {
      if (!Double.isNaN(d)) {
        sum += d;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
