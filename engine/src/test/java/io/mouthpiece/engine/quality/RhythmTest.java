package io.mouthpiece.engine.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The syllable-rate share of a series' power, on series whose spectrum is known. */
class RhythmTest {
  private static double[] sine(double hz, double fps, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.sin(2 * Math.PI * hz * i / fps);
    }
    return v;
  }

  @Test
  void aFiveHertzOpeningIsAllSyllableRate() {
    assertTrue(Rhythm.syllableShare(sine(5, 25, 250), 25) > 0.95);
  }

  @Test
  void aSlowSwayOrAFastJitterIsNot() {
    assertTrue(Rhythm.syllableShare(sine(1.2, 25, 250), 25) < 0.05);
    assertTrue(Rhythm.syllableShare(sine(10, 30, 300), 30) < 0.05);
  }

  @Test
  void anEvenMixIsAboutHalf() {
    double[] a = sine(5, 25, 500);
    double[] b = sine(1.5, 25, 500);
    double[] mix = new double[a.length];
    for (int i = 0; i < mix.length; i++) {
      mix[i] = a[i] + b[i];
    }
    assertEquals(0.5, Rhythm.syllableShare(mix, 25), 0.05);
  }

  @Test
  void tooShortOrConstantHasNoShare() {
    assertTrue(Double.isNaN(Rhythm.syllableShare(sine(5, 25, 40), 25)));
    assertTrue(Double.isNaN(Rhythm.syllableShare(new double[100], 25)));
  }
}
