package io.mouthpiece.engine.render;

import io.mouthpiece.engine.mouth.HeadPose;
import io.mouthpiece.engine.mouth.MouthExemplar;
import io.mouthpiece.engine.mouth.MouthLibrary;
import io.mouthpiece.engine.mouth.MouthParams;
import java.util.Arrays;
import java.util.List;

/**
 * Chooses an exemplar for every frame to render (unit selection, as Video Rewrite and MSRA's
 * trajectory-guided selection do). In: the wanted mouth per frame and the frame's head pose. Out:
 * one library index per frame, found by Viterbi over each frame's best candidates: a close match
 * in shape and pose is cheap, and so is moving on to the next source frame (real motion between
 * neighbours); holding costs a little, jumping elsewhere costs more (a jump can flicker).
 * A frame with no wanted mouth (null) gets -1. A wanted mouth as closed as the library's most
 * closed few percent is drawn only from exemplars whose lips (nearly) meet
 * ({@link MouthParams#CLOSABLE_APERTURE}), marked to be drawn shut ({@link LipCloser}): pauses and
 * p, b, m show a really closed mouth from this speaker's own closed or closing lips, and holding it
 * costs nothing.
 */
public final class ExemplarSelector {
  /**
   * The cost of an exemplar a closed mouth may not be drawn from: beyond any allowed exemplar's, yet
   * small enough that path costs built on it do not overflow.
   */
  private static final double BARRED = Double.MAX_VALUE / 4;
  /** Closed mouths are drawn from at least this many exemplars (the most closed), however few lips meet. */
  private static final int FEWEST_CLOSABLE = 3;
  /**
   * The smallest spread a mouth parameter is measured in: a library whose mouths all share one
   * value (a still jaw) would otherwise divide by zero.
   */
  private static final double MIN_SPREAD = 1e-3;

  private final SelectionConfig config;
  /** The config's weights unboxed: the target cost reads them for every candidate of every frame. */
  private final double[] paramWeights;

  public ExemplarSelector(SelectionConfig config) {
    config.checkValidity();
    this.config = config;
    this.paramWeights = config.paramWeights().stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * What to draw per frame.
   *
   * @param exemplar library index per frame, -1 where nothing is drawn
   * @param shut whether the frame wants a closed mouth, drawn with its lips shut ({@link LipCloser})
   */
  public record Selection(int[] exemplar, boolean[] shut) {
    /** Nothing drawn in any of {@code frames} frames. */
    public static Selection none(int frames) {
      int[] exemplar = new int[frames];
      Arrays.fill(exemplar, -1);
      return new Selection(exemplar, new boolean[frames]);
    }
  }

  /** Library indices per frame; {@code wanted[t] == null} where a frame is not rendered. */
  public Selection select(MouthLibrary library, double[][] wanted, HeadPose[] poses) {
    List<MouthExemplar> ex = library.exemplars();
    int n = wanted.length;
    Selection selection = Selection.none(n);
    if (ex.isEmpty()) {
      return selection;
    }
    int[] chosen = selection.exemplar();
    boolean[] shut = selection.shut();
    double[] scale = spread(ex);
    double[] apertures = ex.stream().mapToDouble(e -> e.params()[MouthParams.APERTURE]).sorted().toArray();
    double closedWanted = apertures[(int) (config.closedQuantile() * (apertures.length - 1))];
    // Closed mouths come from lips that (nearly) meet, or else from the library's most closed few.
    int fewest = Math.min(apertures.length - 1, FEWEST_CLOSABLE - 1);
    double closedLevel = Math.max(MouthParams.CLOSABLE_APERTURE, apertures[fewest]);
    int k = Math.min(config.candidates(), ex.size());
    int[][] cand = new int[n][];
    double[][] cost = new double[n][];
    int[][] back = new int[n][];
    for (int t = 0; t < n; t++) {
      if (wanted[t] == null) {
        continue;
      }
      boolean closed = wanted[t][MouthParams.APERTURE] <= closedWanted;
      shut[t] = closed;
      double[] target = new double[ex.size()];
      for (int e = 0; e < ex.size(); e++) {
        boolean allowed = !closed || ex.get(e).params()[MouthParams.APERTURE] <= closedLevel;
        target[e] = allowed ? targetCost(ex.get(e), closed ? shut(wanted[t]) : wanted[t], poses[t], scale)
            : BARRED;
      }
      cand[t] = best(target, k);
      cost[t] = new double[k];
      back[t] = new int[k];
      int p = t - 1;
      for (int j = 0; j < k; j++) {
        double own = target[cand[t][j]];
        if (p < 0 || cand[p] == null) {
          cost[t][j] = own;
          back[t][j] = -1;
          continue;
        }
        double bestCost = Double.MAX_VALUE;
        int bestPrev = 0;
        for (int i = 0; i < cand[p].length; i++) {
          double c = cost[p][i] + transition(cand[p][i], cand[t][j], closed);
          if (c < bestCost) {
            bestCost = c;
            bestPrev = i;
          }
        }
        cost[t][j] = bestCost + own;
        back[t][j] = bestPrev;
      }
    }
    // Trace back each run of rendered frames from its last frame.
    for (int t = n - 1; t >= 0; t--) {
      if (cand[t] == null || (t + 1 < n && cand[t + 1] != null)) {
        continue;
      }
      int j = argMin(cost[t]);
      for (int s = t; s >= 0 && cand[s] != null; s--) {
        chosen[s] = cand[s][j];
        j = back[s][j];
        if (j < 0) {
          break;
        }
      }
    }
    return selection;
  }

  /** A closed mouth is best shown by the most closed lips there are: aim for a zero gap. */
  private static double[] shut(double[] wanted) {
    double[] w = wanted.clone();
    w[MouthParams.APERTURE] = 0;
    return w;
  }

  private double targetCost(MouthExemplar e, double[] wanted, HeadPose pose, double[] scale) {
    double c = 0;
    for (int k = 0; k < MouthParams.COUNT; k++) {
      double d = (e.params()[k] - wanted[k]) / scale[k];
      c += paramWeights[k] * d * d;
    }
    if (pose != null) {
      double d = e.pose().distance(pose) / config.poseScaleRad();
      c += d * d;
    }
    return c;
  }

  private double transition(int from, int to, boolean closed) {
    if (to == from + 1 || (closed && to == from)) {
      return 0;
    }
    return to == from ? config.holdCost() : config.jumpCost();
  }

  /** Per-parameter spread of the library, so each is measured in its own natural units. */
  private static double[] spread(List<MouthExemplar> ex) {
    double[] s = new double[MouthParams.COUNT];
    for (int k = 0; k < MouthParams.COUNT; k++) {
      double mean = 0;
      for (MouthExemplar e : ex) {
        mean += e.params()[k];
      }
      mean /= ex.size();
      double var = 0;
      for (MouthExemplar e : ex) {
        var += (e.params()[k] - mean) * (e.params()[k] - mean);
      }
      s[k] = Math.max(MIN_SPREAD, Math.sqrt(var / ex.size()));
    }
    return s;
  }

  private static int[] best(double[] cost, int k) {
    Integer[] order = new Integer[cost.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(cost[a], cost[b]));
    int[] top = new int[k];
    for (int i = 0; i < k; i++) {
      top[i] = order[i];
    }
    return top;
  }

  private static int argMin(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] < v[best]) {
        best = i;
      }
    }
    return best;
  }
}
