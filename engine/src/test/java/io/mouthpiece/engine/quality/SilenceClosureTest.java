package io.mouthpiece.engine.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.media.PcmAudio;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SilenceClosureTest {
  private static final int RATE = 16_000;

  /** Speech-band "talk" over [0, 1.5), [2.5, 3.2) and [3.4, 4.0); faint noise throughout. */
  private static PcmAudio talkWithPauses() {
    Random noise = new Random(9);
    float[] s = new float[4 * RATE];
    for (int i = 0; i < s.length; i++) {
      double t = i / (double) RATE;
      boolean talking = t < 1.5 || (t >= 2.5 && t < 3.2) || t >= 3.4;
      double loudness = talking ? 0.2 + 0.1 * Math.sin(2 * Math.PI * 4 * t) : 0;
      s[i] = (float) (loudness * Math.sin(2 * Math.PI * 700 * t) + 3e-4 * noise.nextGaussian());
    }
    return new PcmAudio(s, RATE, 1);
  }

  @Test
  void findsThePauseOfAtLeast300MsAndNotTheShortOne() {
    List<SilenceClosure.Stretch> silences = SilenceClosure.silentStretches(talkWithPauses());
    assertEquals(1, silences.size(), "silences " + silences);
    SilenceClosure.Stretch pause = silences.get(0);
    // The pause is 1.5 to 2.5 s; the hangover and the 30 ms energy window eat into each end.
    assertEquals(1.5 + SilenceClosure.HANGOVER_SEC, pause.startSec(), 0.03);
    assertEquals(2.5 - SilenceClosure.HANGOVER_SEC, pause.endSec(), 0.03);
  }

  @Test
  void digitalSilenceIsOneLongPause() {
    List<SilenceClosure.Stretch> silences = SilenceClosure.silentStretches(new PcmAudio(new float[2 * RATE], RATE, 1));
    assertEquals(List.of(new SilenceClosure.Stretch(0, 2.0)), silences);
  }

  @Test
  void countsClosedMouthsInsideThePausesOnly() {
    PcmAudio audio = talkWithPauses();
    List<SilenceClosure.Stretch> silences = SilenceClosure.silentStretches(audio);
    double[] t = SyntheticSpeech.frameTimes(4, 25);
    double[] closedInPauses = new double[t.length];
    double[] alwaysOpen = new double[t.length];
    double[] someWithoutFace = new double[t.length];
    int inPause = 0;
    for (int i = 0; i < t.length; i++) {
      boolean pause = silences.get(0).contains(t[i]);
      inPause += pause ? 1 : 0;
      closedInPauses[i] = pause ? 0.02 : 0.25;
      alwaysOpen[i] = 0.25;
      someWithoutFace[i] = pause && i % 2 == 0 ? Double.NaN : closedInPauses[i];
    }
    SilenceClosure.Result closed = SilenceClosure.measure(ApertureTrack.ofApertures(t, closedInPauses), audio);
    assertEquals(inPause, closed.framesInSilence());
    assertEquals(inPause, closed.closedFrames());
    assertEquals(1.0, closed.closedFraction());
    SilenceClosure.Result open = SilenceClosure.measure(ApertureTrack.ofApertures(t, alwaysOpen), audio);
    assertEquals(inPause, open.framesInSilence());
    assertEquals(0.0, open.closedFraction());
    SilenceClosure.Result holes = SilenceClosure.measure(ApertureTrack.ofApertures(t, someWithoutFace), audio);
    assertEquals(inPause, holes.framesInSilence() + holes.framesWithoutFace());
    assertTrue(holes.framesWithoutFace() > 0);
    assertEquals(1.0, holes.closedFraction());
  }

  @Test
  void noPauseNothingToJudge() {
    double[] t = SyntheticSpeech.frameTimes(1, 25);
    float[] loud = new float[RATE];
    for (int i = 0; i < loud.length; i++) {
      loud[i] = (float) (0.3 * Math.sin(2 * Math.PI * 700 * i / RATE));
    }
    SilenceClosure.Result r = SilenceClosure.measure(ApertureTrack.ofApertures(t, t.clone()), new PcmAudio(loud, RATE, 1));
    assertEquals(0, r.silences().size());
    assertTrue(Double.isNaN(r.closedFraction()));
  }
}
