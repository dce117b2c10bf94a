package io.mouthpiece.engine.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.mouth.MouthParams;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The generic fit on made-up speakers: a held-out model owes nothing to the speaker it is held out
 * for, and a speaker weighs the same however many clips they bring.
 */
class SpeakerHeldOutTest {
  /** 3 s of noise and a mouth that follows its loudness, 25 fps; {@code scale} changes the mouth. */
  private static SourceSpeech clip(long seed, double scale) {
    Random random = new Random(seed);
    float[] samples = new float[3 * 16_000];
    for (int i = 0; i < samples.length; i++) {
      double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * i / 16_000.0 + seed);
      samples[i] = (float) (0.1 * envelope * random.nextGaussian());
    }
    double[] times = new double[75];
    double[][] params = new double[75][];
    for (int i = 0; i < times.length; i++) {
      times[i] = i / 25.0;
      double open = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * times[i] + seed);
      params[i] = new double[] {scale * (0.02 + 0.2 * open + 0.01 * random.nextGaussian()), 0.6 + 0.02 * open, 1.3};
    }
    return SourceSpeech.of(new PcmAudio(samples, 16_000, 1), times, params);
  }

  private static List<GenericModel.Speaker> speakers(double lastScale) {
    return List.of(new GenericModel.Speaker("a", List.of(clip(1, 1))), new GenericModel.Speaker("b", List.of(clip(2, 1))),
        new GenericModel.Speaker("c", List.of(clip(3, 1))), new GenericModel.Speaker("d", List.of(clip(4, lastScale))));
  }

  @Test
  void theModelHeldOutForASpeakerDoesNotChangeWithThatSpeaker() {
    Map<String, GenericModel> before = GenericModel.leaveOneSpeakerOut(speakers(1), MotionConfig.DEFAULT);
    Map<String, GenericModel> after = GenericModel.leaveOneSpeakerOut(speakers(1.7), MotionConfig.DEFAULT);
    assertEquals(before.get("d").toText(), after.get("d").toText());
    assertNotEquals(before.get("a").toText(), after.get("a").toText(), "d's mouth is in a's held-out model");
  }

  @Test
  void aSpeakerWithTheSameClipTwiceWeighsAsWithItOnce() {
    List<GenericModel.Speaker> once = speakers(1);
    List<GenericModel.Speaker> twice = List.of(once.get(0), once.get(1), once.get(2),
        new GenericModel.Speaker("d", List.of(clip(4, 1), clip(4, 1))));
    GenericModel a = GenericModel.fit(once, MotionConfig.DEFAULT);
    GenericModel b = GenericModel.fit(twice, MotionConfig.DEFAULT);
    assertEquals(a.lambda(), b.lambda());
    assertEquals(a.adaptPenalty(), b.adaptPenalty());
    for (int p = 0; p < MouthParams.COUNT; p++) {
      assertEquals(a.typicalSpread()[p], b.typicalSpread()[p], 1e-12);
    }
    // The same map: the same prediction on a clip neither saw (the sums differ only by rounding).
    SourceSpeech other = clip(5, 1);
    MouthRange range = MouthRange.measure(other.params(), other.closedParams(), 10);
    double[][] pa = a.forSpeaker(other.closedParams(), range, MotionConfig.DEFAULT).predict(other.audio(), other.frameTimesSec()).params();
    double[][] pb = b.forSpeaker(other.closedParams(), range, MotionConfig.DEFAULT).predict(other.audio(), other.frameTimesSec()).params();
    for (int i = 0; i < pa.length; i++) {
      for (int p = 0; p < MouthParams.COUNT; p++) {
        assertEquals(pa[i][p], pb[i][p], 1e-9);
      }
    }
  }
}
