package io.mouthpiece.engine.motion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.mouth.MouthParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The half-split protocol of engine.md on every clip of the corpus, speaker-held-out: each model
 * learns from the clip's FIRST half (its audio and measured mouth) and from the OTHER speakers (the
 * generic model, refitted without this one), predicts the SECOND half's mouth from the second
 * half's audio alone, and is scored against the real second half (Pearson r of aperture and of
 * width). Models: the loudness baseline, the generic model calibrated to the speaker's range, and
 * what {@link MotionTrainer} picks (the generic model adapted to the first half). Prints the table
 * and medians; asserts the product's bars on the medians.
 */
class HalfSplitTest {
  private static final List<String> MODELS = List.of("loudness", "generic", "trainer");

  @Test
  void halfSplitTable() {
    MotionConfig config = MotionConfig.DEFAULT;
    List<GenericModel.Speaker> speakers = GenericModelFitTest.corpusSpeakers();
    Map<String, GenericModel> heldOut = GenericModel.leaveOneSpeakerOut(speakers, config);
    Map<String, List<double[]>> table = new LinkedHashMap<>();
    MODELS.forEach(m -> table.put(m, new ArrayList<>()));
    StringBuilder out = new StringBuilder("\nHalf-split, speaker-held-out (r aperture / r width of the second half):\n");
    for (TrainingCorpus.Clip c : TrainingCorpus.clips()) {
      MeasuredClip clip = MeasuredClip.load(c.file());
      double halfSec = clip.audio().frames() / (double) clip.audio().sampleRate() / 2;
      MeasuredClip first = clip.part(0, halfSec);
      MeasuredClip second = clip.part(halfSec, Double.MAX_VALUE);
      SourceSpeech source = first.source();
      AudioFeatures newAudio = AudioFeatures.of(second.audio());
      // Ranges from 10 frames: the GRID clips' halves are 37 frames.
      MouthRange range = MouthRange.measure(source.params(), source.closedParams(), 10);
      GenericModel generic = heldOut.get(c.speaker());
      TrainingReport report = MotionTrainer.trainWithReport(source, config, generic);
      Map<String, MotionModel> models = Map.of(
          "loudness", new LoudnessModel(range, config),
          "generic", generic.forSpeaker(source.closedParams(), range, config),
          "trainer", report.model());
      out.append(String.format(Locale.ROOT, "%-26s", c.file()));
      for (String m : MODELS) {
        MouthTrajectory t = models.get(m).predict(newAudio, second.frameTimesSec());
        double ra = ApertureScore.of(t.column(MouthParams.APERTURE), second.column(MouthParams.APERTURE)).r();
        double rw = ApertureScore.of(t.column(MouthParams.WIDTH), second.column(MouthParams.WIDTH)).r();
        table.get(m).add(new double[] {ra, rw});
        out.append(String.format(Locale.ROOT, " | %-8s %5.2f / %5.2f", m, ra, rw));
      }
      out.append(" | ").append(report).append('\n');
    }
    for (String m : MODELS) {
      out.append(String.format(Locale.ROOT, "median %-8s aperture r %.3f, width r %.3f%n", m, median(table.get(m), 0),
          median(table.get(m), 1)));
    }
    System.out.println(out);

    double trainer = median(table.get("trainer"), 0);
    double loudness = median(table.get("loudness"), 0);
    assertTrue(trainer > median(table.get("generic"), 0), "adapting to the speaker beats the calibrated generic model");
    assertTrue(table.get("trainer").stream().allMatch(r -> Double.isFinite(r[0])), "every clip is predicted");
    assertTrue(trainer >= 0.40, "speaker-held-out median aperture r of the trainer's model >= 0.40, got " + trainer);
    assertTrue(trainer >= loudness + 0.15, "the trainer beats loudness by 0.15 on the median: " + trainer + " vs " + loudness);
    assertTrue(median(table.get("trainer"), 1) > 0.1, "the trainer's width follows the real width");
  }

  private static double median(List<double[]> rows, int column) {
    return median(rows.stream().mapToDouble(r -> r[column]).filter(Double::isFinite).toArray());
  }

  static double median(double[] v) {
    double[] c = v.clone();
    java.util.Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }
}
