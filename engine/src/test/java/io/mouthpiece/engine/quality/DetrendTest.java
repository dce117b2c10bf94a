package io.mouthpiece.engine.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DetrendTest {
  @Test
  void removesASlowRampAndKeepsSyllableRateMotion() {
    double[] t = SyntheticSpeech.frameTimes(10, 25);
    double[] wobble = new double[t.length];
    double[] v = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      wobble[i] = 0.1 * Math.sin(2 * Math.PI * 4 * t[i]); // 4 Hz: whole periods fit a 1 s window
      v[i] = 2.0 + 0.5 * t[i] + wobble[i];
    }
    double[] d = Detrend.detrend(t, v);
    // Away from the ends (where the window is cut short) only the wobble is left.
    for (int i = 25; i < t.length - 25; i++) {
      assertEquals(wobble[i], d[i], 0.01, "at " + t[i] + " s");
    }
  }

  @Test
  void averagesByTimeNotByCount() {
    // Frames crowd into the first half second: a count-based window would weigh them more.
    double[] t = {0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 1.5, 2.5, 3.5};
    double[] v = new double[t.length];
    Arrays.fill(v, 7.0);
    v[10] = 10.0;
    double[] mean = Detrend.movingAverage(t, v, 1.0);
    // Within 0.5 s of 1.5 s there is only the frame at 1.5 s itself.
    assertEquals(10.0, mean[10], 1e-12);
    assertEquals(7.0, mean[12], 1e-12);
    assertEquals(7.0, mean[0], 1e-12);
  }

  @Test
  void unevenFrameTimesStillLoseTheRamp() {
    double[] t = SyntheticSpeech.unevenFrameTimes(10, 5);
    double[] v = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      v[i] = 3.0 * t[i];
    }
    double[] d = Detrend.detrend(t, v);
    double worst = 0;
    for (int i = 0; i < t.length; i++) {
      if (t[i] > 0.6 && t[i] < 9.4) {
        worst = Math.max(worst, Math.abs(d[i]));
      }
    }
    // Uneven spacing leaves the window's mean time a little off centre: ~ tens of ms of a 3/s ramp.
    assertTrue(worst < 0.15, "residue of the ramp up to " + worst + " (the ramp rises 3 a second)");
  }

  @Test
  void missingValuesStayMissingAndDoNotCount() {
    double[] t = {0, 0.1, 0.2, 0.3, 0.4};
    double[] v = {1, Double.NaN, 1, 1, 1};
    double[] d = Detrend.detrend(t, v);
    assertTrue(Double.isNaN(d[1]));
    assertEquals(0, d[0], 1e-12);
    assertEquals(0, d[4], 1e-12);
  }

  @Test
  void refusesTimesGoingBackwards() {
    assertThrows(IllegalArgumentException.class, () -> Detrend.detrend(new double[] {0, 0.2, 0.1}, new double[] {1, 2, 3}));
  }
}
