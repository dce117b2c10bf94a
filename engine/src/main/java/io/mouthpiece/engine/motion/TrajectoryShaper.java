package io.mouthpiece.engine.motion;

import io.mouthpiece.engine.mouth.MouthParams;
import java.util.List;

/**
 * The post-processing every model's output goes through, all by time (any frame rate, any
 * spacing). In: raw params per output time, the audio's voice activity, the speaker's closed
 * mouth. Out: the params smoothed with a Gaussian of {@code smoothingSigmaMs} (no frame-to-frame
 * chatter, openings of 150 ms keep their peak), then pulled to the closed mouth in every pause of
 * at least {@code minSilenceSec}: closing over the {@code closeRampMs} before the pause starts, so
 * that it is closed when the pause begins (voice activity already ends a pause's speech 50 ms after
 * the last sound, and lips shut as a word's sound dies away, not after), held, and opening again
 * from {@code leadMs} before speech resumes. Aperture never goes below 0.
 */
public final class TrajectoryShaper {
  private final MotionConfig config;

  public TrajectoryShaper(MotionConfig config) {
    config.checkValidity();
    this.config = config;
  }

  /** The shaped trajectory; {@code raw} is not changed. */
  public MouthTrajectory shape(double[][] raw, double[] timesSec, AudioFeatures audio, VoiceActivity voice,
      double[] closed) {
    double[][] out = smooth(raw, timesSec, config.smoothingSigmaMs() / 1000.0);
    closePauses(out, timesSec, voice.silences(config.minSilenceSec()), audio.durationSec(), closed);
    for (double[] row : out) {
      row[MouthParams.APERTURE] = Math.max(0, row[MouthParams.APERTURE]);
    }
    return new MouthTrajectory(timesSec.clone(), out);
  }

  /** Gaussian smoothing by time: each row becomes the weighted mean of the rows within 3 sigma. */
  static double[][] smooth(double[][] raw, double[] timesSec, double sigmaSec) {
    int n = raw.length;
    double[][] out = new double[n][];
    if (sigmaSec <= 0) {
      for (int i = 0; i < n; i++) {
        out[i] = raw[i].clone();
      }
      return out;
    }
    int lo = 0;
    for (int i = 0; i < n; i++) {
      while (timesSec[i] - timesSec[lo] > 3 * sigmaSec) {
        lo++;
      }
      double[] sum = new double[raw[i].length];
      double weights = 0;
      for (int j = lo; j < n && timesSec[j] - timesSec[i] <= 3 * sigmaSec; j++) {
        double d = (timesSec[j] - timesSec[i]) / sigmaSec;
        double w = Math.exp(-0.5 * d * d);
        for (int p = 0; p < sum.length; p++) {
          sum[p] += w * raw[j][p];
        }
        weights += w;
      }
      for (int p = 0; p < sum.length; p++) {
        sum[p] /= weights;
      }
      out[i] = sum;
    }
    return out;
  }

  /** Blends each row towards {@code closed} by how far inside a pause its time is. */
  private void closePauses(double[][] rows, double[] timesSec, List<double[]> pauses, double durationSec,
      double[] closed) {
    double ramp = config.closeRampMs() / 1000.0;
    for (double[] pause : pauses) {
      double start = pause[0];
      double end = pause[1];
      boolean atStart = start <= AudioFeatures.HOP_SEC;
      boolean atEnd = end >= durationSec - AudioFeatures.HOP_SEC;
      // Open again before the sound: the lead, but never more than a third of a short pause.
      double openFrom = end - Math.min(config.leadMs() / 1000.0, (end - start) / 3);
      for (int i = 0; i < rows.length; i++) {
        double t = timesSec[i];
        double in = atStart ? 1 : (t - start) / ramp + 1;
        double out = atEnd ? 1 : (openFrom - t) / ramp + 1;
        double w = Math.max(0, Math.min(1, Math.min(in, out)));
        if (w > 0) {
          for (int p = 0; p < rows[i].length; p++) {
            rows[i][p] = (1 - w) * rows[i][p] + w * closed[p];
          }
        }
      }
    }
  }
}
