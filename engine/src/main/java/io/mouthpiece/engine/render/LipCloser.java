package io.mouthpiece.engine.render;

import io.mouthpiece.engine.face.FaceLandmarks;

/**
 * Shuts an exemplar's lips by moving its lower lip up onto its upper lip, in the exemplar's own
 * (face-upright) window. In: the exemplar's landmarks in window pixels. Out: for any window pixel,
 * how far below it to read the exemplar from ({@link #lift}). The lower lip is lifted whole, by
 * the gap between the inner lip contours column by column plus a slight press; the skin between
 * the lower lip and the chin stretches to take up the lift, and the chin stays where it is.
 *
 * <p>Why: a speaker's firmly shut frames are few (a short clip may have two or three), and a pause
 * drawn from them alone pastes them onto every head pose; shut lips pasted onto a head nodded
 * otherwise read as parted. Closing a nearly shut mouth takes a few pixels of warp, so pauses and
 * p, b, m can be drawn from those too, nearer the frame's pose.
 */
final class LipCloser {
  /**
   * How far past meeting the lower lip is pressed into the upper one mid-mouth, over the mouth's
   * width (none at the corners). Landmarks of real shut lips never meet (they read 0.025-0.037 of
   * the width apart, see {@code SilenceClosure.CLOSED_APERTURE}), so closing the landmark gap alone
   * leaves lips that a face mesh still reads as parted in many of AOC's pause frames (`mouthpiece
   * eval --sections silence`, AOC's pause frames read closed: 71% without a press, 88% with 0.03;
   * 0.015 was tried only with a placement since dropped, where it gave 88% against 90% for 0.03).
   * 0.03 is 2-5 px on a 720p face, lips pressed as for an m.
   */
  static final double PRESS = 0.03;
  /** Width of the line where the lips meet, in window pixels. */
  private static final double SEAM_PX = 1.5;

  /** The first window column the tables cover; one entry per column from there. */
  private final int first;
  /** Per column: where the upper lip's inner edge is, the lift, where the lifted lip ends, the chin. */
  private final double[] top;
  private final double[] gap;
  private final double[] lipEnd;
  private final double[] chin;

  private LipCloser(int first, double[] top, double[] gap, double[] lipEnd, double[] chin) {
    this.first = first;
    this.top = top;
    this.gap = gap;
    this.lipEnd = lipEnd;
    this.chin = chin;
  }

  /** The closer for an exemplar with these landmarks (468 x, y pairs in window pixels). */
  static LipCloser of(float[] lm) {
    int a = FaceLandmarks.INNER_MOUTH_RIGHT;
    int b = FaceLandmarks.INNER_MOUTH_LEFT;
    double left = Math.min(lm[2 * a], lm[2 * b]);
    double right = Math.max(lm[2 * a], lm[2 * b]);
    double width = Math.hypot(lm[2 * b] - lm[2 * a], lm[2 * b + 1] - lm[2 * a + 1]);
    int first = (int) Math.floor(left);
    int n = Math.max(0, (int) Math.ceil(right) - first + 1);
    double[] top = new double[n];
    double[] gap = new double[n];
    double[] lipEnd = new double[n];
    double[] chin = new double[n];
    for (int i = 0; i < n; i++) {
      double x = first + i;
      if (x <= left || x >= right) {
        continue;
      }
      double press = PRESS * width * Math.sin(Math.PI * (x - left) / (right - left));
      top[i] = curve(lm, FaceLandmarks.UPPER_LIP_INNER, x);
      gap[i] = Math.max(0, curve(lm, FaceLandmarks.LOWER_LIP_INNER, x) - top[i] + press);
      lipEnd[i] = curve(lm, FaceLandmarks.LOWER_LIP_OUTER, x) - gap[i];
      chin[i] = curve(lm, FaceLandmarks.JAW_LINE, x);
    }
    return new LipCloser(first, top, gap, lipEnd, chin);
  }

  /**
   * How far down from window pixel ({@code x}, {@code y}) of the shut mouth the exemplar's pixel
   * lies: the lift under the upper lip's inner edge, tapering to 0 at the chin; 0 above the lips
   * and beside them.
   */
  double lift(double x, double y) {
    double at = x - first;
    int i = (int) Math.floor(at);
    if (i < 0 || i + 1 >= gap.length) {
      return 0;
    }
    double f = at - i;
    return (1 - f) * lift(i, y) + f * lift(i + 1, y);
  }

  private double lift(int i, double y) {
    double g = gap[i];
    if (g == 0 || y <= top[i] - SEAM_PX) {
      return 0;
    }
    if (y < top[i]) {
      // Where the lips meet, the gap is squeezed into a line of its own dark pixels, not cut: a
      // cut along a sloping lip edge shows as a pixel staircase.
      return g * (y - (top[i] - SEAM_PX)) / SEAM_PX;
    }
    if (y <= lipEnd[i]) {
      return g;
    }
    if (y >= chin[i] || chin[i] <= lipEnd[i]) {
      return 0;
    }
    // Smoothstep: the stretch eases in under the lip and out at the chin, no kink at either end.
    double s = (chin[i] - y) / (chin[i] - lipEnd[i]);
    return g * s * s * (3 - 2 * s);
  }

  /** The contour's y at column {@code x}, linear between its points, flat beyond its ends. */
  private static double curve(float[] lm, int[] points, double x) {
    int n = points.length;
    for (int i = 0; i + 1 < n; i++) {
      double ax = lm[2 * points[i]];
      double bx = lm[2 * points[i + 1]];
      if (x >= Math.min(ax, bx) && x <= Math.max(ax, bx)) {
        double ay = lm[2 * points[i] + 1];
        double by = lm[2 * points[i + 1] + 1];
        return ax == bx ? (ay + by) / 2 : ay + (by - ay) * (x - ax) / (bx - ax);
      }
    }
    double x0 = lm[2 * points[0]];
    double xn = lm[2 * points[n - 1]];
    return Math.abs(x - x0) < Math.abs(x - xn) ? lm[2 * points[0] + 1] : lm[2 * points[n - 1] + 1];
  }
}
