package io.mouthpiece.engine.speaker;

import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.mouth.MouthParams;

/**
 * What a face's mouth is correlated with ({@link WindowedSync}): one or more series read off a
 * sound every {@link AudioFeatures#HOP_SEC}, each detrended and paired with the {@link
 * MouthParams} param it is compared with (the speech envelope with the aperture; or the aperture,
 * width and jaw the generic motion model predicts from the sound, each with its own). Read at any
 * time (the nearest frame), or at a time taken modulo the sound's length: the sound shifted in a
 * loop, which keeps its own rhythm and loudness but not its timing (the null attribution tests
 * against).
 */
public final class SoundCue {
  private final int[] params;
  private final double[][] columns;
  private final double durationSec;

  /** {@code columns[c]}: a value every 10 ms from 0, detrended, compared with {@code params[c]}; not copied. */
  SoundCue(int[] params, double[][] columns, double durationSec) {
    if (params.length == 0 || params.length != columns.length) {
      throw new IllegalArgumentException(params.length + " params but " + columns.length + " columns");
    }
    this.params = params;
    this.columns = columns;
    this.durationSec = durationSec;
  }

  /** How many series. */
  public int count() {
    return params.length;
  }

  /** The {@link MouthParams} param series {@code c} is compared with. */
  public int param(int c) {
    return params[c];
  }

  /** Series {@code c} at a time (the nearest frame; the first or last one outside the sound; 0 for no sound). */
  public double at(int c, double timeSec) {
    double[] v = columns[c];
    if (v.length == 0) {
      return 0;
    }
    long k = Math.round(timeSec / AudioFeatures.HOP_SEC);
    return v[(int) Math.max(0, Math.min(v.length - 1, k))];
  }

  /** Series {@code c} at a time taken modulo the sound's length. */
  public double looped(int c, double timeSec) {
    double t = timeSec % durationSec;
    return at(c, t < 0 ? t + durationSec : t);
  }

  public double durationSec() {
    return durationSec;
  }
}
