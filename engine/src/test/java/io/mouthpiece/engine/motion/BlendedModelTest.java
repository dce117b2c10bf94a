package io.mouthpiece.engine.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.mouth.MouthParams;
import org.junit.jupiter.api.Test;

/** The blend takes its aperture from both models by the prior's share, and the rest from the learned one. */
class BlendedModelTest {
  /** A model that answers the same row at every time. */
  private static MotionModel constant(String name, double... row) {
    return new MotionModel() {
      @Override
      public MouthTrajectory predict(AudioFeatures audio, double[] frameTimesSec) {
        double[][] rows = new double[frameTimesSec.length][];
        for (int i = 0; i < rows.length; i++) {
          rows[i] = row.clone();
        }
        return new MouthTrajectory(frameTimesSec.clone(), rows);
      }

      @Override
      public String name() {
        return name;
      }
    };
  }

  @Test
  void apertureIsTheWeightedMeanWidthAndJawAreTheLearnedModels() {
    AudioFeatures audio = AudioFeatures.of(new PcmAudio(new float[16_000], 16_000, 1));
    double[] times = {0, 0.04, 0.08};
    BlendedModel blend = new BlendedModel(constant("adapted", 0.20, 0.6, 1.4), constant("loudness", 0.10, 0.5, 1.3), 0.3);
    MouthTrajectory t = blend.predict(audio, times);
    assertArrayEquals(times, t.timesSec());
    for (double[] row : t.params()) {
      assertEquals(0.7 * 0.20 + 0.3 * 0.10, row[MouthParams.APERTURE], 1e-12);
      assertEquals(0.6, row[MouthParams.WIDTH], 1e-12);
      assertEquals(1.4, row[MouthParams.JAW], 1e-12);
    }
    assertEquals("adapted+loudness", blend.name());
  }

  @Test
  void aShareOutsideZeroToOneIsRefusedByName() {
    MotionModel m = constant("m", 0.1, 0.5, 1.3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BlendedModel(m, m, 1.5));
    assertEquals("priorShare: must be 0 to 1, got 1.5", e.getMessage());
  }
}
