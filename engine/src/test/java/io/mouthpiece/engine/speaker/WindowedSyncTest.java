package io.mouthpiece.engine.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.quality.Correlation;
import io.mouthpiece.engine.quality.Detrend;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sliding window's running sums against the slow, obvious version (eval's own Detrend and
 * Pearson, per frame and lag), on a real clip's measured mouth and its sound.
 */
class WindowedSyncTest {
  @Test
  void runningSumsGiveWhatAPearsonPerWindowGives() throws Exception {
    Path dir = TestMedia.motionCorpus();
    List<double[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("styletalk_reagan.csv"))) {
      String[] p = line.split(",");
      if (!Double.isNaN(Double.parseDouble(p[1]))) {
        rows.add(new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])});
      }
    }
    double[] t = rows.stream().mapToDouble(r -> r[0]).toArray();
    double[] a = rows.stream().mapToDouble(r -> r[1]).toArray();
    MouthSeries mouth = new MouthSeries(t, a);
    HeardSpeech speech = HeardSpeech.of(AudioFeatures.of(AudioReader.decode(dir.resolve("styletalk_reagan.flac"),
        AudioFeatures.SAMPLE_RATE, 1, 600_000)));
    int[] lags = AttributionConfig.DEFAULT.lagsMs();
    double window = AttributionConfig.DEFAULT.windowSec();
    double[] fast = WindowedSync.of(mouth, speech, window, lags);
    double[] detrended = Detrend.detrend(t, a, HeardSpeech.DETREND_SEC);
    assertEquals(0, maxDiff(detrended, WindowedSync.detrend(t, a, HeardSpeech.DETREND_SEC)), 1e-12);
    int checked = 0;
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
        double[] y = new double[to - from];
        for (int j = from; j < to; j++) {
          y[j - from] = speech.envelope(t[j] + lag / 1000.0);
        }
        double r = Correlation.pearson(Arrays.copyOfRange(detrended, from, to), y);
        best = Double.isNaN(best) || r > best ? r : best;
      }
      assertEquals(best, fast[i], 1e-9, "frame " + i);
      assertEquals(best, WindowedSync.bestR(mouth, detrended, from, to, speech, lags, 0), 1e-9, "frame " + i);
      checked++;
    }
    assertTrue(checked > 20);
  }

  private static double maxDiff(double[] x, double[] y) {
    double d = 0;
    for (int i = 0; i < x.length; i++) {
      d = Math.max(d, Math.abs(x[i] - y[i]));
    }
    return d;
  }
}
