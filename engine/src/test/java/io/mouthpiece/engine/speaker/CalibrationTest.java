package io.mouthpiece.engine.speaker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where {@link AttributionConfig#DEFAULT}'s bar comes from, printed, on the motion corpus's clips
 * that no speaker test builds from (the repository keeps their measured mouth, every frame, and
 * their sound): each face alone against its own sound (speech it should be found speaking) and
 * against each of the nine others' (speech it must not be). Faces are read at identify's 12.5
 * frames a second (every other frame). The bar is a rank test at p = 1/20 per face, so unrelated
 * speech found must stay under 1/20 of it.
 */
class CalibrationTest {
  static final List<String> HELD_OUT = List.of("latentsync_demo1", "latentsync_demo3", "edtalk_tedlieu", "edtalk_klobuchar",
      "styletalk_kristinoem", "styletalk_andrew1", "styletalk_andrew2", "styletalk_reagan", "grid_bbaf2n", "grid_swwp2s");

  @Test
  void theBarFindsMostOwnSpeechAndLittleUnrelatedSpeech() throws Exception {
    List<MouthSeries> mouths = new ArrayList<>();
    List<HeardSpeech> sounds = new ArrayList<>();
    Path dir = TestMedia.motionCorpus();
    for (String c : HELD_OUT) {
      List<double[]> rows = new ArrayList<>();
      int i = 0;
      for (String line : Files.readAllLines(dir.resolve(c + ".csv"))) {
        String[] p = line.split(",");
        double a = Double.parseDouble(p[1]);
        if (i++ % 2 == 0 && !Double.isNaN(a)) {
          rows.add(new double[] {Double.parseDouble(p[0]), a});
        }
      }
      mouths.add(new MouthSeries(rows.stream().mapToDouble(r -> r[0]).toArray(), rows.stream().mapToDouble(r -> r[1]).toArray()));
      sounds.add(HeardSpeech.of(AudioFeatures.of(AudioReader.decode(dir.resolve(c + ".flac"), AudioFeatures.SAMPLE_RATE, 1,
          600_000))));
    }
    double[] found = null;
    for (double share : new double[] {0.75, 0.9, 1.0}) {
      found = found(mouths, sounds, AttributionConfig.DEFAULT.withNullShare(share));
      System.out.printf(Locale.ROOT, "beating %.0f%% of the shifted copies: own speech found %.2f, unrelated speech found %.3f%n",
          100 * share, found[0], found[1]);
    }
    double[] byDefault = found(mouths, sounds, AttributionConfig.DEFAULT);
    assertTrue(byDefault[1] <= 1 / 20.0, "unrelated speech found: " + byDefault[1]);
    assertTrue(byDefault[0] >= 0.5, "own speech found: " + byDefault[0]);
  }

  /** {share of own speech found, share of unrelated speech found}, each over the face's time on screen. */
  private static double[] found(List<MouthSeries> mouths, List<HeardSpeech> sounds, AttributionConfig config) {
    double[] speech = new double[2];
    double[] found = new double[2];
    for (int a = 0; a < mouths.size(); a++) {
      MouthSeries m = mouths.get(a);
      double lastSec = m.timesSec()[m.size() - 1];
      for (int b = 0; b < sounds.size(); b++) {
        HeardSpeech s = sounds.get(b);
        double ms = s.stretches().stream().mapToDouble(x -> 1000 * (Math.min(x[1], lastSec) - x[0])).filter(v -> v > 0).sum();
        int k = a == b ? 0 : 1;
        speech[k] += ms;
        found[k] += SpeakerAttribution.of(Map.of("0", m), s, config).speakingMs("0");
      }
    }
    return new double[] {found[0] / speech[0], found[1] / speech[1]};
  }
}
