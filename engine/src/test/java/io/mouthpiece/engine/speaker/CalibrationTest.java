package io.mouthpiece.engine.speaker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.motion.GenericModel;
import io.mouthpiece.engine.motion.MotionConfig;
import io.mouthpiece.engine.motion.SourceSpeech;
import io.mouthpiece.engine.motion.TrainingCorpus;
import io.mouthpiece.engine.mouth.MouthParams;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where {@link AttributionConfig#DEFAULT}'s cue and bar come from, printed, on the motion corpus's
 * clips that no speaker test builds from (the repository keeps their measured mouth, every frame,
 * and their sound): each face alone against its own sound (speech it should be found speaking) and
 * against each of the others' (speech it must not be), whole, and cut into 5 s pieces (the length
 * of the speaker tests' clips, where the cue is weakest: each piece against every piece of the other
 * clips). Faces are read at identify's 12.5 frames a second (every other frame).
 *
 * <p>The shipped generic model was fitted on every clip of the corpus, these among them, so the
 * mouth it predicts from a clip's own sound has seen that clip's mouth: each sound's mouth is
 * predicted here by the model fitted without its speaker ({@link GenericModel#leaveOneSpeakerOut}),
 * as for a video identify is given.
 */
class CalibrationTest {
  static final List<String> HELD_OUT = List.of("latentsync_demo1", "latentsync_demo3", "edtalk_tedlieu", "edtalk_klobuchar",
      "styletalk_kristinoem", "styletalk_andrew1", "styletalk_andrew2", "styletalk_reagan", "grid_bbaf2n", "grid_swwp2s");
  private static final double PIECE_SEC = 5;

  /** What attribution did before the predicted mouth: the envelope, beating 19 shifts however near, no z. */
  static final AttributionConfig ENVELOPE_BEFORE = AttributionConfig.DEFAULT.withCue(AttributionConfig.Cue.ENVELOPE)
      .withNullShifts(19, 19).withShiftSpacingSec(1e-3).withMinNullZ(0);

  /** A face and the sound of the same clip, or of a piece of it, re-timed to start at 0. */
  record Clip(int source, MouthSeries mouth, HeardSpeech speech) {}

  @Test
  void theBarFindsMostOwnSpeechAndLittleUnrelatedSpeech() throws Exception {
    Map<String, GenericModel> heldOut = GenericModel.leaveOneSpeakerOut(corpusSpeakers(), MotionConfig.DEFAULT);
    List<Clip> whole = new ArrayList<>();
    List<Clip> pieces = new ArrayList<>();
    List<Clip> turns = new ArrayList<>();
    for (int c = 0; c < HELD_OUT.size(); c++) {
      String name = HELD_OUT.get(c);
      MouthSeries mouth = everyOther(mouth(name));
      PcmAudio sound = AudioReader.decode(TestMedia.motionCorpus().resolve(name + ".flac"), AudioFeatures.SAMPLE_RATE, 1,
          600_000);
      GenericModel model = heldOut.get(speakerOf(name));
      whole.add(new Clip(c, mouth, HeardSpeech.of(AudioFeatures.of(sound), model)));
      int step = (int) (PIECE_SEC * AudioFeatures.SAMPLE_RATE);
      for (int from = 0; from + step <= sound.frames(); from += step) {
        PcmAudio cut = new PcmAudio(Arrays.copyOfRange(sound.samples(), from, from + step), AudioFeatures.SAMPLE_RATE, 1);
        HeardSpeech heard = HeardSpeech.of(AudioFeatures.of(cut), model);
        pieces.add(new Clip(c, cut(mouth, from / (double) AudioFeatures.SAMPLE_RATE, PIECE_SEC), heard));
        turns.add(new Clip(c, cut(mouth, from / (double) AudioFeatures.SAMPLE_RATE, PIECE_SEC / 2), heard));
      }
    }
    Map<String, AttributionConfig> configs = new LinkedHashMap<>();
    configs.put("envelope, as before", ENVELOPE_BEFORE);
    configs.put("envelope, z >= 2.25", ENVELOPE_BEFORE.withNullShifts(39, 19).withShiftSpacingSec(0.1).withMinNullZ(2.25));
    for (double z : new double[] {0, 2, 2.25, 2.5}) {
      configs.put(String.format(Locale.ROOT, "predicted mouth, z >= %.2f", z), AttributionConfig.DEFAULT.withMinNullZ(z));
    }
    Map<AttributionConfig, double[][]> results = new LinkedHashMap<>();
    configs.forEach((what, config) -> {
      double[] w = found(whole, config);
      double[] p = found(pieces, config);
      double[] t = found(turns, config);
      results.put(config, new double[][] {w, p});
      System.out.printf(Locale.ROOT, "%s: whole clips, own speech found %.2f, unrelated %.3f; 5 s pieces, own %.2f (%.0f of %d"
          + " pieces), unrelated %.3f (%.0f of %d pairs, %.1f %%); a face for the first 2.5 s of them, own %.0f of %d,"
          + " unrelated %.0f of %d (%.1f %%)%n", what, w[0], w[1], p[0], p[2], (int) p[4], p[1], p[3], (int) p[5],
          100 * p[3] / p[5], t[2], (int) t[4], t[3], (int) t[5], 100 * t[3] / t[5]);
    });
    // The product's own settings are one of the rows above: their figures are checked, not computed again.
    double[][] product = results.get(AttributionConfig.DEFAULT);
    assertTrue(product != null, "the default settings are among the rows: " + AttributionConfig.DEFAULT);
    double[] w = product[0];
    double[] p = product[1];
    assertTrue(w[1] <= 1 / 20.0 && p[3] <= p[5] / 20, "unrelated speech found: " + w[1] + " of it whole, " + p[3] + " pairs");
    assertTrue(w[0] >= 0.9 && p[0] >= 0.5, "own speech found: " + w[0] + " whole, " + p[0] + " in pieces");
  }

  /**
   * {share of own speech found, share of unrelated speech found, own clips found, unrelated pairs
   * found, own clips, unrelated pairs}; shares over the face's time on screen, pairs from different
   * sources only.
   */
  static double[] found(List<Clip> clips, AttributionConfig config) {
    double[] speech = new double[2];
    double[] found = new double[2];
    double[] any = new double[2];
    double[] count = new double[2];
    for (Clip a : clips) {
      double lastSec = a.mouth().timesSec()[a.mouth().size() - 1];
      for (Clip b : clips) {
        if (a != b && a.source() == b.source()) {
          continue;
        }
        int k = a == b ? 0 : 1;
        double ms = b.speech().stretches().stream().mapToDouble(x -> 1000 * (Math.min(x[1], lastSec) - x[0]))
            .filter(v -> v > 0).sum();
        long f = SpeakerAttribution.of(Map.of("0", a.mouth()), b.speech(), config).speakingMs("0");
        speech[k] += ms;
        found[k] += f;
        any[k] += f > 0 ? 1 : 0;
        count[k]++;
      }
    }
    return new double[] {found[0] / speech[0], found[1] / speech[1], any[0], any[1], count[0], count[1]};
  }

  /** Every speaker of the corpus manifest with their clips' sound and measured mouth. */
  static List<GenericModel.Speaker> corpusSpeakers() throws Exception {
    Map<String, List<SourceSpeech>> by = new LinkedHashMap<>();
    for (TrainingCorpus.Clip clip : TrainingCorpus.clips()) {
      String stem = TestMedia.stem(clip.file());
      List<double[]> rows = rows(stem);
      double[][] params = rows.stream().map(r -> Arrays.copyOfRange(r, 1, 1 + MouthParams.COUNT)).toArray(double[][]::new);
      by.computeIfAbsent(clip.speaker(), k -> new ArrayList<>()).add(SourceSpeech.of(sound(stem),
          rows.stream().mapToDouble(r -> r[0]).toArray(), params));
    }
    List<GenericModel.Speaker> out = new ArrayList<>();
    by.forEach((name, clips) -> out.add(new GenericModel.Speaker(name, clips)));
    return out;
  }

  static String speakerOf(String stem) {
    return TrainingCorpus.clips().stream().filter(c -> TestMedia.stem(c.file()).equals(stem)).findFirst().orElseThrow()
        .speaker();
  }

  /** A corpus clip's measured mouth, every frame with a face. */
  static MouthSeries mouth(String stem) throws Exception {
    List<double[]> rows = rows(stem).stream().filter(r -> !Double.isNaN(r[1])).toList();
    return new MouthSeries(rows.stream().mapToDouble(r -> r[0]).toArray(),
        rows.stream().map(r -> Arrays.copyOfRange(r, 1, 1 + MouthParams.COUNT)).toArray(double[][]::new));
  }

  /** Every other frame: identify's rate on a 25 fps clip. */
  static MouthSeries everyOther(MouthSeries m) {
    int n = (m.size() + 1) / 2;
    double[] t = new double[n];
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      t[i] = m.timesSec()[2 * i];
      p[i] = m.params()[2 * i];
    }
    return new MouthSeries(t, p);
  }

  /** The frames in {@code [fromSec, fromSec + lengthSec)}, re-timed to start at 0. */
  static MouthSeries cut(MouthSeries m, double fromSec, double lengthSec) {
    List<Integer> in = new ArrayList<>();
    for (int i = 0; i < m.size(); i++) {
      if (m.timesSec()[i] >= fromSec && m.timesSec()[i] < fromSec + lengthSec) {
        in.add(i);
      }
    }
    return new MouthSeries(in.stream().mapToDouble(i -> m.timesSec()[i] - fromSec).toArray(),
        in.stream().map(i -> m.params()[i]).toArray(double[][]::new));
  }

  static AudioFeatures sound(String stem) throws Exception {
    return AudioFeatures.of(AudioReader.decode(TestMedia.motionCorpus().resolve(stem + ".flac"), AudioFeatures.SAMPLE_RATE, 1,
        600_000));
  }

  /** The corpus csv's rows: time, then the MouthParams (NaN without a face). */
  private static List<double[]> rows(String stem) throws Exception {
    return Files.readAllLines(TestMedia.motionCorpus().resolve(stem + ".csv")).stream()
        .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
  }
}
