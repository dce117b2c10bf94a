package io.mouthpiece.engine.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.media.PcmAudio;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The resampler against its definition, and what it keeps and removes. */
class ResamplerTest {
  /** The windowed-sinc interpolator written out sample by sample, as the class documents it. */
  private static float[] definition(float[] in, int inRate, int outRate) {
    double ratio = (double) outRate / inRate;
    float[] out = new float[(int) Math.floor(in.length * ratio)];
    double cutoff = 0.95 * 0.5 * Math.min(1.0, ratio);
    double halfWidth = 16 / (2 * cutoff);
    for (int i = 0; i < out.length; i++) {
      double centre = i / ratio;
      double sum = 0;
      double norm = 0;
      for (int j = Math.max(0, (int) Math.ceil(centre - halfWidth));
          j <= Math.min(in.length - 1, (int) Math.floor(centre + halfWidth)); j++) {
        double x = j - centre;
        double u = x / halfWidth;
        double t = (u + 1) / 2;
        double window = Math.abs(u) >= 1 ? 0 : 0.42 - 0.5 * Math.cos(2 * Math.PI * t) + 0.08 * Math.cos(4 * Math.PI * t);
        double y = 2 * cutoff * x;
        double w = window * (y == 0 ? 1 : Math.sin(Math.PI * y) / (Math.PI * y));
        sum += w * in[j];
        norm += w;
      }
      out[i] = norm == 0 ? 0 : (float) (sum / norm);
    }
    return out;
  }

  @Test
  void matchesTheDefinitionAtCommonRates() {
    Random random = new Random(7);
    for (int inRate : new int[] {48_000, 44_100, 22_050, 8_000}) {
      float[] in = new float[inRate / 10];
      for (int i = 0; i < in.length; i++) {
        in[i] = (float) random.nextGaussian();
      }
      assertArrayEquals(definition(in, inRate, 16_000), Resampler.resample(in, inRate, 16_000), 1e-5f, "from " + inRate);
    }
  }

  @Test
  void keepsSpeechBandsAndRemovesWhatWouldFoldBack() {
    int rate = 44_100;
    float[] low = tone(1_000, rate);
    float[] high = tone(10_000, rate);
    float[] lowOut = Resampler.mono(new PcmAudio(low, rate, 1), 16_000);
    float[] highOut = Resampler.mono(new PcmAudio(high, rate, 1), 16_000);
    assertEquals(16_000, lowOut.length);
    assertEquals(1 / Math.sqrt(2), rms(lowOut), 0.01, "a 1 kHz tone keeps its level");
    assertTrue(rms(highOut) < 0.01, "a 10 kHz tone (above 8 kHz) is removed, not folded to 6 kHz: rms " + rms(highOut));
  }

  private static float[] tone(double hz, int rate) {
    float[] s = new float[rate];
    for (int i = 0; i < rate; i++) {
      s[i] = (float) Math.sin(2 * Math.PI * hz * i / rate);
    }
    return s;
  }

  /** RMS away from the ends, where the filter has only half its support. */
  private static double rms(float[] s) {
    double sum = 0;
    int n = 0;
    for (int i = 200; i < s.length - 200; i++) {
      sum += s[i] * s[i];
      n++;
    }
    return Math.sqrt(sum / n);
  }
}
