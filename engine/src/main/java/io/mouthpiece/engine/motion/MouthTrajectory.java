package io.mouthpiece.engine.motion;

import io.mouthpiece.engine.mouth.MouthParams;

/**
 * Predicted mouth motion: the {@link MouthParams} (aperture, width, jaw) wanted at each requested
 * output frame time.
 *
 * @param timesSec the frame times asked for, in seconds on the audio's timeline
 * @param params one row per time, {@link MouthParams#COUNT} columns
 */
public record MouthTrajectory(double[] timesSec, double[][] params) {
  public MouthTrajectory {
    if (timesSec.length != params.length) {
      throw new IllegalArgumentException(timesSec.length + " times but " + params.length + " rows");
    }
  }

  public int size() {
    return timesSec.length;
  }

  /** The column of one parameter, e.g. {@code column(MouthParams.APERTURE)}. */
  public double[] column(int param) {
    double[] c = new double[params.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = params[i][param];
    }
    return c;
  }
}
