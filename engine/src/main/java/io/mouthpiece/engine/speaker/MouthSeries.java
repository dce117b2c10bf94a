package io.mouthpiece.engine.speaker;

import io.mouthpiece.engine.mouth.MouthParams;

/**
 * One face's mouth over time: the frames it was seen in, in time order, and its {@link
 * MouthParams} in each (aperture, width, jaw, of that frame's own landmarks).
 *
 * @param timesSec frame times, seconds from the video's start, increasing
 * @param params one row of {@link MouthParams#COUNT} values per time
 */
public record MouthSeries(double[] timesSec, double[][] params) {
  public MouthSeries {
    if (timesSec.length != params.length) {
      throw new IllegalArgumentException(timesSec.length + " times but " + params.length + " rows");
    }
  }

  /** A face never seen. */
  public static MouthSeries empty() {
    return new MouthSeries(new double[0], new double[0][]);
  }

  public int size() {
    return timesSec.length;
  }

  /** One param at every time, e.g. {@code column(MouthParams.APERTURE)}. */
  public double[] column(int param) {
    double[] c = new double[params.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = params[i][param];
    }
    return c;
  }
}
