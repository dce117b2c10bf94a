package io.mouthpiece.engine.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The limiter alone, and behind a loud mix. */
class LimiterTest {
  private static final int RATE = 48_000;
  private static final float CEILING = (float) Limiter.DEFAULT_CEILING;

  private static PcmAudio limit(PcmAudio in, int blockFrames) throws MediaException {
    return SyntheticAudio.readAll(new Limiter(SyntheticAudio.stream(in)), blockFrames);
  }

  @Test
  void loudSumNeverExceedsTheCeilingAndNeverFlipsASample() throws Exception {
    // Two full-scale tones, each at gain 2: the raw sum reaches 4.
    PcmAudio original = SyntheticAudio.sine(220, 1.0, 4 * RATE, RATE, 2);
    PcmAudio voice = SyntheticAudio.sine(330, 1.0, 4 * RATE, RATE, 2);
    AudioPlan plan = new AudioPlan(List.of(new AudioPiece(voice, 0, 3_000, 500, 2.0)), 2.0);
    PcmAudio out = SyntheticAudio.readAll(plan.mix(SyntheticAudio.stream(original), 4_000_000, RATE, 2), 1000);

    int pieceStart = RATE / 2;
    float loudest = 0;
    for (int i = 0; i < out.samples().length; i++) {
      int frame = i / 2;
      double raw = 2.0 * original.samples()[i];
      if (frame >= pieceStart && frame < pieceStart + 3 * RATE) {
        raw += 2.0 * voice.samples()[(frame - pieceStart) * 2 + i % 2];
      }
      float y = out.samples()[i];
      assertTrue(Math.abs(y) <= CEILING, "sample " + i + " = " + y + " is over the ceiling");
      assertTrue(y * raw >= 0, "sample " + i + " changed sign: " + raw + " became " + y);
      assertTrue(Math.abs(y) <= Math.abs(raw) + 1e-6, "sample " + i + " was made louder");
      loudest = Math.max(loudest, Math.abs(y));
    }
    // Limited, not merely turned down: the loudest peaks sit right at the ceiling.
    assertTrue(loudest > 0.97f, "loudest " + loudest);
  }

  @Test
  void audioUnderTheCeilingPassesBitExact() throws Exception {
    PcmAudio quiet = SyntheticAudio.sine(440, 0.97, 2 * RATE, RATE, 2);
    PcmAudio out = limit(quiet, 999);
    assertArrayEquals(quiet.samples(), out.samples());
  }

  @Test
  void gainRampsSmoothlyToTheNeedAndReleasesBackToExactlyOne() throws Exception {
    // A constant level steps from 0.5 up to 1.6 and back: output / input is the gain itself.
    int frames = 3 * RATE;
    int loudFrom = RATE / 2;
    int loudTo = RATE;
    float[] s = new float[frames];
    for (int i = 0; i < frames; i++) {
      s[i] = i >= loudFrom && i < loudTo ? 1.6f : 0.5f;
    }
    Limiter limiter = new Limiter(SyntheticAudio.stream(new PcmAudio(s, RATE, 1)));
    int lookAhead = limiter.lookAheadFrames();
    assertEquals(Math.round(Limiter.DEFAULT_LOOK_AHEAD_MS * RATE / 1000), lookAhead);
    PcmAudio out = SyntheticAudio.readAll(limiter, 512);

    double previous = 1.0;
    double largestStep = 0;
    for (int i = 0; i < frames; i++) {
      double gain = out.samples()[i] / (double) s[i];
      largestStep = Math.max(largestStep, Math.abs(gain - previous));
      previous = gain;
      if (i >= loudFrom && i < loudTo) {
        assertTrue(out.samples()[i] <= CEILING, "frame " + i);
      }
    }
    // The gain falls as a ramp of one look-ahead, so by at most 1/L per frame (float rounding aside).
    assertTrue(largestStep <= 1.0 / lookAhead + 1e-6, "largest gain step " + largestStep);
    // Untouched until the ramp that ends at the step begins.
    for (int i = 0; i < loudFrom - lookAhead; i++) {
      assertEquals(s[i], out.samples()[i], "frame " + i);
    }
    assertTrue(out.samples()[loudFrom - 1] < s[loudFrom - 1], "the ramp must start before the peak");
    // Released a second later, bit for bit.
    for (int i = frames - RATE; i < frames; i++) {
      assertEquals(s[i], out.samples()[i], "frame " + i);
    }
  }

  @Test
  void aPeakInTheFirstFramesAndASingleSpikeAreCaught() throws Exception {
    float[] s = new float[RATE];
    s[0] = 1.5f;
    s[3] = -2.0f;
    s[RATE / 2] = 3.0f;
    s[RATE - 1] = -1.2f;
    PcmAudio out = limit(new PcmAudio(s, RATE, 1), 100);
    assertEquals(s.length, out.frames());
    for (int i = 0; i < s.length; i++) {
      assertTrue(Math.abs(out.samples()[i]) <= CEILING, "frame " + i + " = " + out.samples()[i]);
    }
    assertEquals(-CEILING, out.samples()[3], 1e-5);
    assertEquals(CEILING, out.samples()[RATE / 2], 1e-5);
  }

  @Test
  void matchesASlowObviousLimiterWhateverTheBlockSize() throws Exception {
    int frames = 2 * RATE;
    PcmAudio in = SyntheticAudio.sine(150, 0.6, frames, RATE, 2);
    float[] s = in.samples().clone();
    // Bursts of different heights and lengths, some closer together than the release.
    for (int i = 0; i < frames; i++) {
      double envelope = 1 + 1.8 * Math.max(0, Math.sin(2 * Math.PI * 3 * i / RATE)) * ((i / 4000) % 3 == 0 ? 1 : 0.3);
      s[2 * i] *= (float) envelope;
      s[2 * i + 1] *= (float) envelope;
    }
    PcmAudio loud = new PcmAudio(s, RATE, 2);
    float[] expected = slowLimit(loud, CEILING, Limiter.DEFAULT_LOOK_AHEAD_MS, Limiter.DEFAULT_RELEASE_MS);
    for (int block : new int[] {1, 77, 4096}) {
      PcmAudio out = limit(loud, block);
      assertEquals(frames, out.frames());
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], out.samples()[i], 1e-6, "block " + block + ", sample " + i);
      }
    }
  }

  /**
   * The limiter written the obvious way, whole arrays and nested loops: need per frame, minimum
   * over the look-ahead, one-pole release, average over the last L (frames before the start
   * taking the gains their look-ahead would have given them).
   */
  private static float[] slowLimit(PcmAudio in, double ceiling, double lookAheadMs, double releaseMs) {
    int n = in.frames();
    int ch = in.channels();
    int l = (int) Math.round(lookAheadMs * in.sampleRate() / 1000.0);
    double[] need = new double[n];
    for (int i = 0; i < n; i++) {
      double peak = 0;
      for (int c = 0; c < ch; c++) {
        peak = Math.max(peak, Math.abs(in.samples()[i * ch + c]));
      }
      need[i] = peak > ceiling ? ceiling * (1 - 1e-6) / peak : 1.0;
    }
    // released[k + l - 1] is the released gain of frame k, for k from -(l-1) to n-1.
    double[] released = new double[n + l - 1];
    double last = 1.0;
    for (int k = -(l - 1); k < n; k++) {
      double held = 1.0;
      for (int j = Math.max(0, k); j < Math.min(n, k + l); j++) {
        held = Math.min(held, need[j]);
      }
      double rel;
      if (k < 0) {
        rel = held; // before the start nothing is released: the gain is what the look-ahead needs
      } else {
        rel = last + (1 - last) * (1 - Math.exp(-1000.0 / (releaseMs * in.sampleRate())));
        rel = Math.min(held, 1 - rel < 1e-4 ? 1.0 : rel);
      }
      released[k + l - 1] = rel;
      last = rel;
    }
    float[] out = new float[n * ch];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int k = i - l + 1; k <= i; k++) {
        sum += released[k + l - 1];
      }
      double gain = sum / l;
      for (int c = 0; c < ch; c++) {
        out[i * ch + c] = (float) (in.samples()[i * ch + c] * gain);
      }
    }
    return out;
  }
}
