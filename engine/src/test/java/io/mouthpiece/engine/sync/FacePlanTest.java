package io.mouthpiece.engine.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FacePlanTest {
  private static final long[] TIMES_US = {0, 40_000, 80_000, 120_000, 160_000, 200_000, 240_000, 280_000};
  private static final int[] ALL_CHOSEN = {3, 3, 3, 3, 3, 3, 3, 3};

  @Test
  void windowInsideTheVideoFadesInAndOutOverTheCrossFade() {
    double[] s = FacePlan.strengths(TIMES_US, ALL_CHOSEN, 40_000, 240_000, 80_000);
    assertArrayEquals(new double[] {0, 0, 0.5, 1, 1, 0.5, 0, 0}, s, 1e-9);
  }

  @Test
  void windowFromTheFirstFrameIsFullStrengthThere() {
    // Nothing precedes the first frame: fading in would show the source's own mouth against the new audio.
    double[] s = FacePlan.strengths(TIMES_US, ALL_CHOSEN, 0, 200_000, 80_000);
    assertArrayEquals(new double[] {1, 1, 1, 1, 0.5, 0, 0, 0}, s, 1e-9);
  }

  @Test
  void windowPastTheLastFrameIsFullStrengthToTheEnd() {
    double[] s = FacePlan.strengths(TIMES_US, ALL_CHOSEN, 80_000, 320_000, 80_000);
    assertArrayEquals(new double[] {0, 0, 0, 0.5, 1, 1, 1, 1}, s, 1e-9);
  }

  @Test
  void framesWithoutAChosenMouthAreLeftAlone() {
    int[] chosen = ALL_CHOSEN.clone();
    chosen[4] = -1;
    double[] s = FacePlan.strengths(TIMES_US, chosen, 0, 320_000, 80_000);
    double[] expected = new double[8];
    Arrays.fill(expected, 1);
    expected[4] = 0;
    assertArrayEquals(expected, s, 1e-9);
  }

  @Test
  void aCoveredFrameIsLeftAloneWithAGuardAndTheCrossFadeEitherSide() {
    long[] times = new long[12];
    for (int i = 0; i < times.length; i++) {
      times[i] = i * 40_000L;
    }
    boolean[] covered = new boolean[12];
    covered[5] = true;
    covered[6] = true;
    // Cross-fade 80 ms: two frames of guard at 0, then the ramp over the next 80 ms.
    double[] keep = FacePlan.coverFades(times, covered, 80_000);
    assertArrayEquals(new double[] {1, 1, 0.5, 0, 0, 0, 0, 0, 0, 0.5, 1, 1}, keep, 1e-9);
  }

  @Test
  void withoutACrossFadeOnlyTheCoveredFramesAreLeftAlone() {
    long[] times = {0, 40_000, 80_000, 120_000};
    double[] keep = FacePlan.coverFades(times, new boolean[] {false, true, false, false}, 0);
    assertArrayEquals(new double[] {1, 0, 1, 1}, keep, 1e-9);
  }
}
