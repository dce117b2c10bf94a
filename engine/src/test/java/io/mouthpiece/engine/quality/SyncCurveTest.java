package io.mouthpiece.engine.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sync curve and its pooled form on made-up speech whose timing the test sets. */
class SyncCurveTest {
  private static final double SECONDS = 30;
  private static final int RATE = 8_000;

  /** A mouth that opens like the sound's envelope {@code leadSec} later: r is exactly 1 at that lag. */
  private static SyncCase mouthLeadingBy(double leadSec, double[] times, long seed) {
    SpeechEnvelope envelope = SpeechEnvelope.of(new SyntheticSpeech(seed, SECONDS).audio(SECONDS, RATE, 0));
    double[] aperture = envelope.energyDb(times, leadSec);
    for (int i = 0; i < aperture.length; i++) {
      aperture[i] = 0.03 + 0.003 * (aperture[i] + 60); // any increasing map: Pearson ignores scale
    }
    return new SyncCase(times, aperture, envelope);
  }

  /** A mouth driven by the loudness m(t) and audio at loudness m(t - leadSec): realistic, not exact. */
  private static SyncCase loudnessLeadingBy(double leadSec, double[] times, long seed) {
    SyntheticSpeech speech = new SyntheticSpeech(seed, SECONDS);
    return new SyncCase(times, speech.aperture(times), SpeechEnvelope.of(speech.audio(SECONDS, RATE, leadSec)));
  }

  @Test
  void soundComing100MsAfterTheMouthPeaksAtPlus100() {
    LagCurve c = SyncCurve.of(mouthLeadingBy(0.100, SyntheticSpeech.frameTimes(SECONDS, 25), 1));
    assertEquals(100, c.peakLagMs());
    assertEquals(1.0, c.peakR(), 1e-9);
    assertTrue(c.rAt(-100) < 0.5, "r at -100 ms " + c.rAt(-100));
  }

  @Test
  void soundComingBeforeTheMouthPeaksAtANegativeLag() {
    LagCurve c = SyncCurve.of(mouthLeadingBy(-0.150, SyntheticSpeech.frameTimes(SECONDS, 25), 2));
    assertEquals(-150, c.peakLagMs());
    assertEquals(1.0, c.peakR(), 1e-9);
  }

  @Test
  void aMouthFollowingTheLoudnessPeaksNearTheDelay() {
    // Aperture linear in loudness, envelope logarithmic and 40 ms wide: no exact match, and the
    // peak is broad, but it must sit at the delay within a step or two.
    LagCurve c = SyncCurve.of(loudnessLeadingBy(0.100, SyntheticSpeech.frameTimes(SECONDS, 25), 1));
    assertEquals(100, c.peakLagMs(), 20);
    assertTrue(c.peakR() > 0.7, "r at the peak " + c.peakR());
  }

  @Test
  void lagsAreTimesNotFrameCounts() {
    // 30000/1001 fps and a variable rate: a lag of 70 ms is no whole number of frames in either.
    double[] ntsc = SyntheticSpeech.frameTimes(SECONDS, 30000.0 / 1001);
    LagCurve atNtsc = SyncCurve.of(mouthLeadingBy(0.070, ntsc, 3));
    assertEquals(70, atNtsc.peakLagMs());
    assertEquals(1.0, atNtsc.peakR(), 1e-9);
    double[] uneven = SyntheticSpeech.unevenFrameTimes(SECONDS, 4);
    LagCurve atUneven = SyncCurve.of(mouthLeadingBy(0.070, uneven, 3));
    assertEquals(70, atUneven.peakLagMs());
    assertEquals(1.0, atUneven.peakR(), 1e-9);
  }

  @Test
  void anUnrelatedMouthCorrelatesWithNothing() {
    double[] times = SyntheticSpeech.frameTimes(SECONDS, 25);
    SyntheticSpeech mouth = new SyntheticSpeech(5, SECONDS);
    SyntheticSpeech other = new SyntheticSpeech(6, SECONDS);
    LagCurve c = SyncCurve.of(new SyncCase(times, mouth.aperture(times), SpeechEnvelope.of(other.audio(SECONDS, RATE, 0))));
    double worst = Arrays.stream(c.r()).map(Math::abs).max().orElseThrow();
    assertTrue(worst < 0.2, "an unrelated mouth reaches |r| " + worst);
  }

  @Test
  void framesWithoutAFaceAreLeftOut() {
    double[] times = SyntheticSpeech.frameTimes(SECONDS, 25);
    SyncCase whole = mouthLeadingBy(0.1, times, 7);
    double[] holes = whole.aperture().clone();
    for (int i = 0; i < holes.length; i += 3) {
      holes[i] = Double.NaN;
    }
    LagCurve c = SyncCurve.of(new SyncCase(times, holes, whole.envelope()));
    assertEquals(100, c.peakLagMs());
    assertEquals(1.0, c.peakR(), 1e-9);
  }

  @Test
  void theCurveCoversMinus300ToPlus300In10MsSteps() {
    int[] lags = SyncCurve.lagsMs();
    assertEquals(61, lags.length);
    assertEquals(-300, lags[0]);
    assertEquals(300, lags[60]);
    assertEquals(0, lags[30]);
  }

  @Test
  void poolingOneCaseIsThatCasesCurve() {
    SyncCase c = mouthLeadingBy(0.05, SyntheticSpeech.frameTimes(SECONDS, 25), 8);
    assertArrayEquals(SyncCurve.of(c).r(), PooledSync.of(List.of(c)).curve().r(), 1e-9);
  }

  @Test
  void poolingReadsTheFixedWindowAndSaysWhereThePeakIs() {
    List<SyncCase> inSync = new ArrayList<>();
    List<SyncCase> late = new ArrayList<>();
    double[] t = SyntheticSpeech.frameTimes(8, 25);
    for (int seed = 10; seed < 14; seed++) {
      SyncCase leading = mouthLeadingBy(0.08, t, seed);
      inSync.add(leading);
      late.add(new SyncCase(t, leading.envelope().energyDb(t, -0.25), leading.envelope()));
    }
    PooledSync.Result good = PooledSync.of(inSync);
    assertEquals(80, good.peakLagMs());
    assertEquals(80, good.windowLagMs());
    assertTrue(good.peakInWindow());
    assertEquals(1.0, good.windowR(), 1e-9);
    assertEquals(4 * 200, good.frames());
    PooledSync.Result bad = PooledSync.of(late);
    assertEquals(-250, bad.peakLagMs());
    assertFalse(bad.peakInWindow());
    assertTrue(bad.windowR() < good.windowR() - 0.3, "out-of-sync window r " + bad.windowR() + " vs " + good.windowR());
  }

  @Test
  void poolingWeighsCasesEquallyWhateverTheirScale() {
    double[] t = SyntheticSpeech.frameTimes(8, 25);
    SyntheticSpeech a = new SyntheticSpeech(20, 8);
    SyntheticSpeech b = new SyntheticSpeech(21, 8);
    SpeechEnvelope ea = SpeechEnvelope.of(a.audio(8, RATE, 0));
    SpeechEnvelope eb = SpeechEnvelope.of(b.audio(8, RATE, 0));
    double[] bigMouth = Arrays.stream(b.aperture(t)).map(x -> 10 * x).toArray();
    PooledSync.Result plain = PooledSync.of(List.of(new SyncCase(t, a.aperture(t), ea), new SyncCase(t, b.aperture(t), eb)));
    PooledSync.Result scaled = PooledSync.of(List.of(new SyncCase(t, a.aperture(t), ea), new SyncCase(t, bigMouth, eb)));
    assertArrayEquals(plain.curve().r(), scaled.curve().r(), 1e-9);
  }

  @Test
  void aCaseIsCutToItsAudio() {
    double[] t = SyntheticSpeech.frameTimes(6, 25);
    ApertureTrack track = ApertureTrack.ofApertures(t, new SyntheticSpeech(30, 6).aperture(t));
    SyncCase c = SyncCase.of(track, new SyntheticSpeech(31, 4).audio(4, RATE, 0));
    assertEquals(101, c.timesSec().length, "frames at 0 .. 4.00 s");
  }
}
