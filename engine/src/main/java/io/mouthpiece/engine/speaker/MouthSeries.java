package io.mouthpiece.engine.speaker;

/**
 * One face's mouth opening over time: the frames it was seen in, in time order, and its aperture
 * in each (inner-lip gap over mouth width, engine.md's measure, of that frame's own landmarks).
 *
 * @param timesSec frame times, seconds from the video's start, increasing
 * @param aperture the aperture at each time
 */
public record MouthSeries(double[] timesSec, double[] aperture) {
  public MouthSeries {
    if (timesSec.length != aperture.length) {
      throw new IllegalArgumentException(timesSec.length + " times but " + aperture.length + " apertures");
    }
  }

  public int size() {
    return timesSec.length;
  }
}
