package io.mouthpiece.engine.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.mouth.MouthParams;
import org.junit.jupiter.api.Test;

/** Post-processing: pauses close the mouth fast and hold it; smoothing removes chatter, keeps openings. */
class TrajectoryShaperTest {
  private static final double[] CLOSED = {0.02, 0.5, 1.3};
  private static final MotionConfig CONFIG = MotionConfig.DEFAULT;

  private static double[] times(double fps, double seconds) {
    double[] t = new double[(int) (fps * seconds)];
    for (int i = 0; i < t.length; i++) {
      t[i] = i / fps;
    }
    return t;
  }

  @Test
  void pausesCloseTheMouthByTheirStartAndHoldIt() {
    double[][] silences = {{1.0, 1.6}};
    AudioFeatures audio = AudioFeatures.of(new PcmAudio(SyntheticSpeech.mono(16_000, 3.0, silences), 16_000, 1));
    VoiceActivity voice = VoiceActivity.of(audio);
    double[] pause = voice.silences(CONFIG.minSilenceSec()).get(0);
    for (double fps : new double[] {25, 30000 / 1001.0, 60}) {
      double[] t = times(fps, 3.0);
      double[][] open = new double[t.length][];
      for (int i = 0; i < t.length; i++) {
        open[i] = new double[] {0.3, 0.6, 1.45}; // a mouth held wide open throughout
      }
      MouthTrajectory shaped = new TrajectoryShaper(CONFIG).shape(open, t, audio, voice, CLOSED);
      for (int i = 0; i < t.length; i++) {
        boolean shouldBeClosed = t[i] >= pause[0] && t[i] <= pause[1] - CONFIG.leadMs() / 1000.0;
        if (shouldBeClosed) {
          assertEquals(CLOSED[MouthParams.APERTURE], shaped.params()[i][MouthParams.APERTURE], 1e-9,
              fps + " fps: closed at " + t[i] + " s, pause " + pause[0] + ".." + pause[1]);
          assertEquals(CLOSED[MouthParams.JAW], shaped.params()[i][MouthParams.JAW], 1e-9);
        }
        if (t[i] < pause[0] - CONFIG.closeRampMs() / 1000.0 - 0.1 || t[i] > pause[1] + 0.1) {
          assertEquals(0.3, shaped.params()[i][MouthParams.APERTURE], 1e-6, "open while speaking at " + t[i]);
        }
      }
    }
  }

  @Test
  void smoothingRemovesChatterButKeepsA150MsOpening() {
    double[] t = times(25, 4.0);
    double[][] chatter = new double[t.length][];
    double[][] opening = new double[t.length][];
    for (int i = 0; i < t.length; i++) {
      chatter[i] = new double[] {i % 2 == 0 ? 0.10 : 0.20, 0.5, 1.3};
      opening[i] = new double[] {t[i] >= 2.0 && t[i] < 2.15 ? 0.30 : 0.05, 0.5, 1.3};
    }
    double sigma = CONFIG.smoothingSigmaMs() / 1000.0;
    double[][] calm = TrajectoryShaper.smooth(chatter, t, sigma);
    for (int i = 5; i < t.length - 5; i++) {
      assertEquals(0.15, calm[i][0], 0.01, "frame-to-frame chatter is gone at frame " + i);
    }
    double[][] kept = TrajectoryShaper.smooth(opening, t, sigma);
    double peak = 0;
    for (double[] row : kept) {
      peak = Math.max(peak, row[0]);
    }
    assertTrue(peak > 0.05 + 0.9 * 0.25, "a 150 ms opening keeps 90% of its height: peak " + peak);
    assertEquals(0.05, kept[25][0], 1e-6, "and does not spread far: 1 s away nothing changed");
  }
}
