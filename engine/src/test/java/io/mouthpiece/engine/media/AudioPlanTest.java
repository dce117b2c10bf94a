package io.mouthpiece.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mixing checked sample by sample on signals the test builds itself. */
class AudioPlanTest {
  private static final int RATE = 48_000;
  private static final double EPS = 1e-6;

  private static long frameAt(long ms, int rate) {
    return BigDecimal.valueOf(ms).multiply(BigDecimal.valueOf(rate))
        .divide(BigDecimal.valueOf(1000), 0, RoundingMode.HALF_UP).longValueExact();
  }

  private static long framesFor(long durationUs, int rate) {
    return BigDecimal.valueOf(durationUs).multiply(BigDecimal.valueOf(rate))
        .divide(BigDecimal.valueOf(1_000_000), 0, RoundingMode.HALF_UP).longValueExact();
  }

  @Test
  void pieceLandsAtItsInsertSampleScaledByGainAndNowhereElse() throws Exception {
    PcmAudio voice = SyntheticAudio.sine(440, 0.25, 10 * RATE, RATE, 1);
    long startMs = 1_000;
    long endMs = 3_500;
    long insertMs = 1_234;
    double gain = 0.8;
    AudioPlan plan = new AudioPlan(List.of(new AudioPiece(voice, startMs, endMs, insertMs, gain)), 1.0);

    PcmAudio out = SyntheticAudio.readAll(plan.mix(null, 5_000_000, RATE, 2), 777);

    long at = frameAt(insertMs, RATE);
    long from = frameAt(startMs, RATE);
    long length = frameAt(endMs, RATE) - from;
    assertEquals(framesFor(5_000_000, RATE), out.frames());
    for (int t = 0; t < out.frames(); t++) {
      boolean inside = t >= at && t < at + length;
      double expected = inside ? gain * voice.samples()[(int) (from + t - at)] : 0.0;
      for (int c = 0; c < 2; c++) {
        float got = out.samples()[t * 2 + c];
        if (inside) {
          assertEquals(expected, got, EPS, "frame " + t + " channel " + c);
        } else {
          assertEquals(0f, got, "frame " + t + " lies outside the piece and must be silent");
        }
      }
    }
    // The first sample of a 440 Hz piece starting on a whole second is sin(0) = 0: check the
    // second one, so a one-sample shift could not hide.
    assertEquals(gain * voice.samples()[(int) from + 1], out.samples()[(int) (at + 1) * 2], EPS);
  }

  @Test
  void aFadeOutRampsThePiecesLastMillisecondsDownToSilenceAndLeavesTheRest() throws Exception {
    PcmAudio voice = SyntheticAudio.sine(440, 0.25, 10 * RATE, RATE, 1);
    long fadeMs = 50;
    AudioPlan plan = new AudioPlan(List.of(new AudioPiece(voice, 1_000, 3_000, 500, 0.8, fadeMs)), 1.0);

    PcmAudio out = SyntheticAudio.readAll(plan.mix(null, 3_000_000, RATE, 2), 777);

    long at = frameAt(500, RATE);
    long from = frameAt(1_000, RATE);
    long length = frameAt(3_000, RATE) - from;
    long fade = frameAt(fadeMs, RATE);
    for (long t = at; t < at + length; t++) {
      long left = at + length - 1 - t; // frames after this one in the piece
      double ramp = left < fade ? left / (double) fade : 1.0;
      double expected = 0.8 * ramp * voice.samples()[(int) (from + t - at)];
      assertEquals(expected, out.samples()[(int) t * 2], EPS, "frame " + t + ", " + left + " before the piece's end");
    }
    assertEquals(0f, out.samples()[(int) (at + length - 1) * 2], "the last frame is silent: the cut makes no click");
    // Without the fade the piece stops at full level: what the fade is for.
    PcmAudio cut = SyntheticAudio.readAll(new AudioPlan(List.of(new AudioPiece(voice, 1_000, 3_000, 500, 0.8)), 1.0)
        .mix(null, 3_000_000, RATE, 2), 777);
    double lastLevel = 0;
    for (long t = at + length - fade / 10; t < at + length; t++) {
      lastLevel = Math.max(lastLevel, Math.abs(cut.samples()[(int) t * 2]));
    }
    assertTrue(lastLevel > 0.15, "unfaded, the last 5 ms are loud: " + lastLevel);
  }

  @Test
  void originalIsScaledByItsGainAndPiecesAddToIt() throws Exception {
    PcmAudio original = SyntheticAudio.sine(300, 0.2, 6 * RATE, RATE, 2); // longer than the video
    PcmAudio voice = SyntheticAudio.sine(1000, 0.2, 4 * RATE, RATE, 2);
    PcmAudio voice2 = SyntheticAudio.sine(700, 0.1, 3 * RATE, RATE, 2);
    double originalGain = 0.5;
    AudioPiece a = new AudioPiece(voice, 500, 2_700, 1_000, 1.5);
    AudioPiece b = new AudioPiece(voice2, 0, 2_000, 2_000, 0.3); // overlaps a from 2000 to 3200 ms
    AudioPlan plan = new AudioPlan(List.of(a, b), originalGain);
    long durationUs = 4_004_000;

    PcmAudio out = SyntheticAudio.readAll(plan.mix(SyntheticAudio.stream(original), durationUs, RATE, 2), 1000);

    assertEquals(framesFor(durationUs, RATE), out.frames());
    double[] expected = new double[out.samples().length];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = originalGain * original.samples()[i];
    }
    for (AudioPiece p : List.of(a, b)) {
      long at = frameAt(p.insertMs(), RATE);
      long from = frameAt(p.startMs(), RATE);
      long length = frameAt(p.endMs(), RATE) - from;
      for (long t = at; t < at + length; t++) {
        for (int c = 0; c < 2; c++) {
          expected[(int) t * 2 + c] += p.gain() * p.audio().samples()[(int) (from + t - at) * 2 + c];
        }
      }
    }
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], out.samples()[i], EPS, "sample " + i);
    }
  }

  @Test
  void silentVideoGivesSilenceAroundThePiece() throws Exception {
    PcmAudio voice = SyntheticAudio.sine(500, 0.3, 3 * RATE, RATE, 2);
    AudioPlan plan = new AudioPlan(List.of(new AudioPiece(voice, 0, 2_000, 1_000, 1.0)), 1.0);
    PcmAudio out = SyntheticAudio.readAll(plan.mix(null, 4_000_000, RATE, 2), 4096);
    long at = frameAt(1_000, RATE);
    long end = at + frameAt(2_000, RATE);
    double energyInside = 0;
    for (int t = 0; t < out.frames(); t++) {
      for (int c = 0; c < 2; c++) {
        float x = out.samples()[t * 2 + c];
        if (t < at || t >= end) {
          assertEquals(0f, x, "frame " + t);
        } else {
          // Gain 1 and nothing under it: the piece's own samples, bit for bit.
          assertEquals(voice.samples()[(int) (t - at) * 2 + c], x, "frame " + t);
          energyInside += x * x;
        }
      }
    }
    assertTrue(energyInside > 0);
  }

  @Test
  void shortOriginalEndsInSilenceAndOriginalGainZeroMutesIt() throws Exception {
    PcmAudio original = SyntheticAudio.sine(300, 0.4, RATE, RATE, 2); // 1 s under a 2 s video
    PcmAudio out = SyntheticAudio.readAll(
        new AudioPlan(List.of(), 1.0).mix(SyntheticAudio.stream(original), 2_000_000, RATE, 2), 500);
    assertEquals(2 * RATE, out.frames());
    for (int i = 0; i < out.samples().length; i++) {
      float expected = i < original.samples().length ? original.samples()[i] : 0f;
      assertEquals(expected, out.samples()[i], "sample " + i);
    }
    PcmAudio muted = SyntheticAudio.readAll(
        new AudioPlan(List.of(), 0.0).mix(SyntheticAudio.stream(original), 2_000_000, RATE, 2), 500);
    for (float x : muted.samples()) {
      assertEquals(0f, x, 0f);
    }
  }

  @Test
  void monoIsCopiedToBothChannelsAndStereoFoldsToTheirAverage() throws Exception {
    PcmAudio mono = SyntheticAudio.sine(440, 0.3, 3 * RATE, RATE, 1);
    PcmAudio toStereo = SyntheticAudio.readAll(
        new AudioPlan(List.of(new AudioPiece(mono, 0, 2_000, 0, 1.0)), 1.0).mix(null, 2_000_000, RATE, 2), 1024);
    for (int t = 0; t < toStereo.frames(); t++) {
      assertEquals(mono.samples()[t], toStereo.samples()[2 * t], "left, frame " + t);
      assertEquals(mono.samples()[t], toStereo.samples()[2 * t + 1], "right, frame " + t);
    }
    PcmAudio stereo = SyntheticAudio.sine(440, 0.3, 3 * RATE, RATE, 2);
    PcmAudio toMono = SyntheticAudio.readAll(
        new AudioPlan(List.of(), 1.0).mix(SyntheticAudio.stream(stereo), 2_000_000, RATE, 1), 1024);
    for (int t = 0; t < toMono.frames(); t++) {
      double average = (stereo.samples()[2 * t] + stereo.samples()[2 * t + 1]) / 2.0;
      assertEquals(average, toMono.samples()[t], EPS, "frame " + t);
    }
  }

  @Test
  void pieceIsCutAtTheVideosEndAndSilentPastItsAudio() throws Exception {
    PcmAudio voice = SyntheticAudio.sine(440, 0.3, 2 * RATE, RATE, 1); // 2 s of audio
    // Asks for 1000..4000 ms of a 2 s file, placed so it would also run past a 2.5 s video.
    AudioPlan plan = new AudioPlan(List.of(new AudioPiece(voice, 1_000, 4_000, 1_000, 1.0)), 1.0);
    PcmAudio out = SyntheticAudio.readAll(plan.mix(null, 2_500_000, RATE, 1), 1024);
    assertEquals(framesFor(2_500_000, RATE), out.frames());
    long at = frameAt(1_000, RATE);
    for (int t = 0; t < out.frames(); t++) {
      long source = frameAt(1_000, RATE) + t - at;
      float expected = t >= at && source < voice.frames() ? voice.samples()[(int) source] : 0f;
      assertEquals(expected, out.samples()[t], "frame " + t);
    }
  }

  @Test
  void outputHasExactlyTheVideosLengthInSampleFrames() throws Exception {
    PcmAudio voice = SyntheticAudio.sine(440, 0.3, 3 * 44_100, 44_100, 2);
    // 29.97 fps: 1, 100 and 150 frames of 1001/30000 s; plus zero, one microsecond and odd values.
    long[] durations = {0, 1, 33_367, 3_336_667, 5_005_000, 10_010_010, 7_777_777};
    for (int rate : new int[] {48_000, 44_100, 16_000, 22_050}) {
      for (long durationUs : durations) {
        List<AudioPiece> pieces = rate == 44_100 ? List.of(new AudioPiece(voice, 0, 2_000, 0, 1.0)) : List.of();
        PcmAudio original = SyntheticAudio.sine(200, 0.1, rate * 12, rate, 1);
        AudioStream mixed = new AudioPlan(pieces, 1.0).mix(SyntheticAudio.stream(original), durationUs, rate, 2);
        assertEquals(framesFor(durationUs, rate), SyntheticAudio.readAll(mixed, 333).frames(),
            durationUs + " us at " + rate + " Hz");
      }
    }
  }

  @Test
  void audioAtAnotherRateIsRefused() {
    PcmAudio voice = SyntheticAudio.sine(440, 0.3, 3 * 44_100, 44_100, 2);
    AudioPlan plan = new AudioPlan(List.of(new AudioPiece(voice, 0, 2_000, 0, 1.0)), 1.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan.mix(null, 1_000_000, RATE, 2));
    assertTrue(e.getMessage().contains("44100 Hz"), e.getMessage());
    PcmAudio original = SyntheticAudio.sine(440, 0.3, 44_100, 44_100, 2);
    assertThrows(IllegalArgumentException.class,
        () -> new AudioPlan(List.of(), 1.0).mix(SyntheticAudio.stream(original), 1_000_000, RATE, 2));
  }
}
