package io.mouthpiece.engine.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.mouth.MouthParams;
import io.mouthpiece.engine.quality.Correlation;
import io.mouthpiece.engine.quality.Detrend;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sliding window's running sums against the slow, obvious version (eval's own Detrend and
 * Pearson, per frame, lag and series), on a real clip's measured mouth and its sound, for each cue of the sound.
 */
class WindowedSyncTest {
  @Test
  void runningSumsGiveWhatAPearsonPerWindowGives() throws Exception {
    Path dir = TestMedia.motionCorpus();
    MouthSeries mouth = CalibrationTest.mouth("styletalk_reagan");
    double[] t = mouth.timesSec();
    double[] a = mouth.column(MouthParams.APERTURE);
    HeardSpeech speech = HeardSpeech.of(AudioFeatures.of(AudioReader.decode(dir.resolve("styletalk_reagan.flac"),
        AudioFeatures.SAMPLE_RATE, 1, 600_000)));
    int[] lags = AttributionConfig.DEFAULT.lagsMs();
    double window = AttributionConfig.DEFAULT.windowSec();
    assertEquals(0, maxDiff(Detrend.detrend(t, a, HeardSpeech.DETREND_SEC), WindowedSync.detrend(t, a,
        HeardSpeech.DETREND_SEC)), 1e-12);
    double[][] detrended = new double[MouthParams.COUNT][];
    for (int p = 0; p < detrended.length; p++) {
      detrended[p] = Detrend.detrend(t, mouth.column(p), HeardSpeech.DETREND_SEC);
    }
    // Each cue series against the param it stands for: the envelope the aperture, the predicted
    // mouth each param its own (the pairing the check below reads from the cue).
    assertEquals(1, speech.envelope().count());
    assertEquals(MouthParams.APERTURE, speech.envelope().param(0));
    assertEquals(MouthParams.COUNT, speech.predictedMouth().count());
    for (int c = 0; c < MouthParams.COUNT; c++) {
      assertEquals(c, speech.predictedMouth().param(c));
    }
    int checked = 0;
    for (SoundCue cue : List.of(speech.envelope(), speech.predictedMouth())) {
      double[] fast = WindowedSync.of(t, WindowedSync.detrended(mouth), cue, window, lags);
      for (int i = 0; i < t.length; i += 7) {
        int from = 0;
        while (t[from] < t[i] - window / 2) {
          from++;
        }
        int to = i;
        while (to < t.length && t[to] <= t[i] + window / 2) {
          to++;
        }
        double best = Double.NaN;
        for (int lag : lags) {
          double sum = 0;
          for (int c = 0; c < cue.count(); c++) {
            double[] y = new double[to - from];
            for (int j = from; j < to; j++) {
              y[j - from] = cue.at(c, t[j] + lag / 1000.0);
            }
            sum += Correlation.pearson(Arrays.copyOfRange(detrended[cue.param(c)], from, to), y);
          }
          double r = sum / cue.count();
          best = Double.isNaN(best) || r > best ? r : best;
        }
        assertEquals(best, fast[i], 1e-9, "frame " + i);
        assertEquals(best, WindowedSync.bestR(t, detrended, from, to, cue, lags, 0), 1e-9, "frame " + i);
        if (!Double.isNaN(best)) {
          checked++; // NaN equals NaN: only frames with an r say the two agree on something
        }
      }
    }
    assertTrue(checked > 40, "frames with an r checked: " + checked);
  }

  private static double maxDiff(double[] x, double[] y) {
    double d = 0;
    for (int i = 0; i < x.length; i++) {
      d = Math.max(d, Math.abs(x[i] - y[i]));
    }
    return d;
  }
}
