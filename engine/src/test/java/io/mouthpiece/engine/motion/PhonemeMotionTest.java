package io.mouthpiece.engine.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.mouth.MouthParams;
import io.mouthpiece.engine.speech.Phoneme;
import io.mouthpiece.engine.speech.SpeechConfig;
import io.mouthpiece.engine.speech.SpeechRequest;
import io.mouthpiece.engine.speech.Synthesiser;
import io.mouthpiece.engine.testing.Prerequisite;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mouth of synthesised speech from its phonemes: shut on every p, b and m of the real
 * libespeak-ng's speech, open on open vowels, rounded and spread where the vowels are, at rest in
 * pauses; and on tiny made-up phonemes, the lead and the coarticulation.
 */
class PhonemeMotionTest {
  @TempDir Path temp;

  /** A speaker's range: closed 0.02, median 0.2, open (95th) 0.5 aperture; width 0.9..1.1 around 1.0; jaw 2.0..2.3. */
  static final MouthRange RANGE = new MouthRange(new double[] {0.02, 1.0, 2.0}, new double[] {0.2, 1.0, 2.1},
      new double[] {0.03, 0.9, 2.0}, new double[] {0.5, 1.1, 2.3});

  private static double[] frames(long untilMs, double fps) {
    double[] t = new double[(int) (untilMs / 1000.0 * fps)];
    for (int i = 0; i < t.length; i++) {
      t[i] = i / fps;
    }
    return t;
  }

  private static double[][] predict(List<Phoneme> ps, double[] times) {
    return new PhonemeMotion(ps, RANGE).predict(null, times).params();
  }

  @Test
  void everyBilabialOfRealSpeechShutsTheWantedMouthAtItsTime() throws Exception {
    Prerequisite.requireEspeakLibrary();
    List<Phoneme> phonemes = new Synthesiser(SpeechConfig.DEFAULT).speak(
        new SpeechRequest("Bob put the map back in my bag, then we went home.", "en_us_male", 1), temp.resolve("bob.wav"));
    // The last phoneme ends with the sound.
    double[] times = frames(phonemes.get(phonemes.size() - 1).endMs(), 25);
    double[][] wanted = predict(phonemes, times);
    int bilabials = 0;
    for (Phoneme p : phonemes) {
      if (Viseme.of(p.name()) != Viseme.SHUT) {
        continue;
      }
      bilabials++;
      // The frame nearest the bilabial (the lips close up to the lead before its sound) is shut.
      double closest = Double.MAX_VALUE;
      for (int f = 0; f < times.length; f++) {
        double t = times[f] * 1000;
        if (t >= p.startMs() - PhonemeMotion.LEAD_MS - 20 && t < p.endMs() + 20) {
          closest = Math.min(closest, wanted[f][MouthParams.APERTURE]);
        }
      }
      assertTrue(closest <= MouthParams.CLOSABLE_APERTURE, p + " has aperture " + closest);
    }
    assertTrue(bilabials >= 8, phonemes.toString());
    // Between them it opens: the open vowel of "Bob" (espeak-ng's "0"), in the middle of its span as seen.
    Phoneme o = phonemes.stream().filter(p -> p.name().equals("0")).findFirst().orElseThrow();
    int f = (int) Math.round(((o.startMs() + o.endMs()) / 2.0 - PhonemeMotion.LEAD_MS) / 40);
    assertTrue(wanted[f][MouthParams.APERTURE] > 0.3, "open on " + o + ": " + wanted[f][MouthParams.APERTURE]);
  }

  @Test
  void roundedVowelsAreNarrowSpreadOnesWideAndPausesRest() {
    // "we" then "who", with a pause: w i: _ h u: _
    List<Phoneme> ps = List.of(new Phoneme("w", 0, 80), new Phoneme("i:", 80, 300), new Phoneme("_", 300, 500),
        new Phoneme("h", 500, 560), new Phoneme("u:", 560, 800), new Phoneme("_:", 800, 1200));
    double[] times = {0.19, 0.40, 0.68, 1.1};
    double[][] w = predict(ps, times);
    assertTrue(w[0][MouthParams.WIDTH] > 1.08, "i: spread, near the widest: " + w[0][MouthParams.WIDTH]);
    assertTrue(w[2][MouthParams.WIDTH] < 0.92, "u: rounded, near the narrowest: " + w[2][MouthParams.WIDTH]);
    assertEquals(RANGE.closed()[MouthParams.APERTURE], w[1][MouthParams.APERTURE], 0.01, "at rest in the pause");
    assertEquals(RANGE.closed()[MouthParams.APERTURE], w[3][MouthParams.APERTURE], 1e-6, "and at the end");
  }

  @Test
  void theLipsLeadTheSoundAndTongueSoundsTakeTheirNeighboursShape() {
    // "a ta": the open vowel at 200 ms is seen from 160 ms (and starts to pull a little before); the short t between a's stays open-ish.
    List<Phoneme> ps = List.of(new Phoneme("_", 0, 200), new Phoneme("a", 200, 400), new Phoneme("t", 400, 440),
        new Phoneme("a", 440, 640), new Phoneme("_", 640, 900));
    double[][] w = predict(ps, new double[] {0.100, 0.185, 0.420, 0.300});
    double open = w[3][MouthParams.APERTURE];
    assertTrue(w[0][MouthParams.APERTURE] < 0.1, "before the lead, still at rest: " + w[0][MouthParams.APERTURE]);
    assertTrue(w[1][MouthParams.APERTURE] > 0.5 * open, "opening before the sound: " + w[1][MouthParams.APERTURE]);
    assertTrue(w[2][MouthParams.APERTURE] > 0.6 * open, "the t keeps most of the a's opening: " + w[2][MouthParams.APERTURE]
        + " of " + open);
  }

  @Test
  void aBilabialBetweenTwoFramesStillShutsTheNearest() {
    List<Phoneme> ps = List.of(new Phoneme("a", 0, 250), new Phoneme("b", 250, 260), new Phoneme("a", 260, 500));
    // At 15 fps (frames at 200 and 266.7 ms), its span seen 40 ms early, 210..260 ms, holds no frame.
    double[][] w = predict(ps, frames(500, 15));
    assertEquals(0, w[4][MouthParams.APERTURE], 1e-9, "the frame at 266.7 ms, the nearest to its middle");
    assertTrue(w[1][MouthParams.APERTURE] > 0.3 && w[6][MouthParams.APERTURE] > 0.3, "open around it");
  }
}
