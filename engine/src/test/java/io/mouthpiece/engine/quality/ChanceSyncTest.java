package io.mouthpiece.engine.quality;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One case's chance level, on made-up speech whose timing is known. */
class ChanceSyncTest {
  private static final int RATE = 16_000;

  private static SyncCase mouthAgainst(long mouthSeed, long speechSeed, double seconds) {
    double[] times = SyntheticSpeech.frameTimes(seconds, 25);
    double[] mouth = new SyntheticSpeech(mouthSeed, seconds).aperture(times);
    return new SyncCase(times, mouth, SpeechEnvelope.of(new SyntheticSpeech(speechSeed, seconds).audio(seconds, RATE, 0)));
  }

  private static double windowR(SyncCase c) {
    return PooledSync.of(List.of(c)).windowR();
  }

  @Test
  void aMouthInStepStandsFarAboveChance() {
    SyncCase c = mouthAgainst(3, 3, 20);
    double level = ChanceSync.level(c);
    assertTrue(windowR(c) > 0.8 && level < 0.5, "r " + windowR(c) + ", chance " + level);
  }

  @Test
  void unrelatedSpeechRarelyPassesItAndShortClipsReachHigher() {
    int passed = 0;
    double shortLevels = 0;
    double longLevels = 0;
    int cases = 20;
    for (int s = 0; s < cases; s++) {
      SyncCase unrelated = mouthAgainst(100 + s, 200 + s, 20);
      double level = ChanceSync.level(unrelated);
      passed += windowR(unrelated) > level ? 1 : 0;
      longLevels += level;
      shortLevels += ChanceSync.level(mouthAgainst(100 + s, 200 + s, 5));
    }
    System.out.printf("unrelated speech: %d of %d cases above their chance level; mean level on 5 s %.3f, on 20 s %.3f%n",
        passed, cases, shortLevels / cases, longLevels / cases);
    // A 95th percentile is passed by one case in twenty; four in twenty would be a level set too low.
    assertTrue(passed <= 3, passed + " of " + cases + " unrelated cases passed their chance level");
    // r's spread by chance falls with the frames: a 5 s clip reaches higher than a 20 s one.
    assertTrue(shortLevels > 1.3 * longLevels, "5 s " + shortLevels / cases + ", 20 s " + longLevels / cases);
  }

  @Test
  void speechTooShortToRotateHasNoLevel() {
    assertTrue(Double.isNaN(ChanceSync.level(mouthAgainst(1, 1, 1.5))));
  }
}
