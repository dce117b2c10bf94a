package io.mouthpiece.engine.report;

import io.mouthpiece.engine.mouth.MouthLibrary;
import io.mouthpiece.engine.mouth.MouthParams;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a face's mouth library holds to draw speech from: how many mouths, how many distinct
 * shapes among them, how far they open, how many can be drawn shut, and what became of the frames
 * that did not make it in.
 *
 * @param exemplars mouths in the library
 * @param distinctShapes occupied cells of a grid over (aperture, width), {@link #APERTURE_STEP} by
 *     {@link #WIDTH_STEP}: how many visibly different mouths there are to choose from
 * @param apertureP5 the library's 5th-percentile aperture (inner-lip gap over mouth width); NaN when empty
 * @param apertureP95 its 95th percentile; NaN when empty
 * @param closableMouths mouths whose lips (nearly) meet ({@link MouthParams#CLOSABLE_APERTURE}): what pauses are drawn from
 * @param sifting what became of the frames offered to the library
 */
public record LibrarySurvey(int exemplars, int distinctShapes, double apertureP5, double apertureP95, int closableMouths,
    MouthLibrary.Sifting sifting) {
  /**
   * The grid's steps: a fifth of a typical speaker's range (the median over the 15 clips of the
   * motion corpus of their 5th-95th percentile span, measured on media/motion-corpus/*.csv:
   * aperture 0.153, width 0.075 inter-ocular units), so a typical speaker spans about five
   * steps of each: closed, nearly closed, half open, open, wide; rounded to spread.
   */
  public static final double APERTURE_STEP = 0.03;
  public static final double WIDTH_STEP = 0.015;
  /**
   * A library whose apertures span (p5 to p95) less than this cannot show speech: its most open
   * mouths are barely parted from its most closed. It is {@link MouthParams#CLOSABLE_APERTURE}, the
   * aperture of lips only just parted; every speaking clip of the motion corpus spans more (the
   * least, a 3 s GRID sentence, 0.068; the median 0.153).
   */
  public static final double MIN_SPEAKING_RANGE = MouthParams.CLOSABLE_APERTURE;
  /** Fewer closable mouths than this and pauses are drawn from lips that do not meet (ExemplarSelector's fewest). */
  public static final int MIN_CLOSABLE = 3;

  /** The span of the library's apertures, p5 to p95; NaN when empty. */
  public double apertureRange() {
    return apertureP95 - apertureP5;
  }

  /** Surveys the library's mouths: their {@code MouthParams}, and the library's sifting. */
  static LibrarySurvey of(List<double[]> params, MouthLibrary.Sifting sifting) {
    double[] apertures = params.stream().mapToDouble(p -> p[MouthParams.APERTURE]).sorted().toArray();
    Set<Long> cells = new HashSet<>();
    int closable = 0;
    for (double[] p : params) {
      long a = (long) Math.floor(p[MouthParams.APERTURE] / APERTURE_STEP);
      long w = (long) Math.floor(p[MouthParams.WIDTH] / WIDTH_STEP);
      cells.add(a * 1_000_003L + w);
      closable += p[MouthParams.APERTURE] <= MouthParams.CLOSABLE_APERTURE ? 1 : 0;
    }
    return new LibrarySurvey(params.size(), cells.size(), quantile(apertures, 0.05), quantile(apertures, 0.95), closable,
        sifting);
  }

  private static double quantile(double[] sorted, double q) {
    return sorted.length == 0 ? Double.NaN : sorted[(int) Math.floor(q * (sorted.length - 1))];
  }
}
