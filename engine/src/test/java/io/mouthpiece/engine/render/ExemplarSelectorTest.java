package io.mouthpiece.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.mouth.HeadPose;
import io.mouthpiece.engine.mouth.LowerFace;
import io.mouthpiece.engine.mouth.MouthExemplar;
import io.mouthpiece.engine.mouth.MouthLibrary;
import io.mouthpiece.engine.mouth.MouthParams;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** Viterbi exemplar choice on a synthetic library: follows the wanted mouth, prefers real motion, closes for real. */
class ExemplarSelectorTest {
  private static final HeadPose FRONT = new HeadPose(0, 0, 0);

  /** A library whose frame i has aperture a(i) = 0.15 + 0.12 sin(i / 4), frames 40..44 lips shut. */
  private static MouthLibrary library() {
    List<MouthExemplar> ex = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      double a = i >= 40 && i < 45 ? 0.01 : 0.15 + 0.12 * Math.sin(i / 4.0);
      ex.add(new MouthExemplar(i, i / 25.0, new double[] {a, 0.6, 1.3 + a}, FRONT, new Mat(), new float[0], 1));
    }
    return MouthLibrary.of(new LowerFace(100), ex);
  }

  private static HeadPose[] front(int n) {
    HeadPose[] p = new HeadPose[n];
    java.util.Arrays.fill(p, FRONT);
    return p;
  }

  @Test
  void followsTheWantedMouthAndPrefersConsecutiveFrames() throws Exception {
    MouthLibrary lib = library();
    // Wanted: exactly the library's frames 60..99 -- the best answer is to play them in order.
    double[][] wanted = new double[40][];
    for (int t = 0; t < 40; t++) {
      wanted[t] = lib.exemplars().get(60 + t).params().clone();
    }
    int[] chosen = new ExemplarSelector(SelectionConfig.DEFAULT).select(lib, wanted, front(40)).exemplar();
    int consecutive = 0;
    double error = 0;
    for (int t = 0; t < 40; t++) {
      error += Math.abs(lib.exemplars().get(chosen[t]).params()[0] - wanted[t][0]);
      if (t > 0 && chosen[t] == chosen[t - 1] + 1) {
        consecutive++;
      }
    }
    assertTrue(error / 40 < 0.02, "mean aperture error " + error / 40);
    assertTrue(consecutive >= 30, "runs of real motion: " + consecutive + " of 39 steps");
  }

  @Test
  void aClosedMouthIsDrawnShutFromClosableLips() throws Exception {
    MouthLibrary lib = library();
    double[][] wanted = new double[30][];
    for (int t = 0; t < 30; t++) {
      // Speaking, a pause from 10 to 19 (wanted aperture 0.03: as closed as the motion model asks), speaking.
      double a = t >= 10 && t < 20 ? 0.03 : 0.2;
      wanted[t] = new double[] {a, 0.6, 1.3 + a};
    }
    ExemplarSelector.Selection selection = new ExemplarSelector(SelectionConfig.DEFAULT).select(lib, wanted, front(30));
    int[] chosen = selection.exemplar();
    for (int t = 10; t < 20; t++) {
      assertTrue(lib.exemplars().get(chosen[t]).params()[MouthParams.APERTURE] <= MouthParams.CLOSABLE_APERTURE,
          "frame " + t + " shows aperture " + lib.exemplars().get(chosen[t]).params()[0]);
      assertTrue(selection.shut()[t], "frame " + t + " in the pause is drawn shut");
    }
    for (int t : new int[] {0, 9, 20, 29}) {
      assertFalse(selection.shut()[t], "speaking frame " + t + " is drawn as chosen");
    }
  }

  @Test
  void framesWithoutAWantedMouthAreNotRendered() throws Exception {
    double[][] wanted = new double[5][];
    wanted[1] = new double[] {0.2, 0.6, 1.5};
    wanted[2] = new double[] {0.2, 0.6, 1.5};
    int[] chosen = new ExemplarSelector(SelectionConfig.DEFAULT).select(library(), wanted, front(5)).exemplar();
    assertEquals(-1, chosen[0]);
    assertTrue(chosen[1] >= 0 && chosen[2] >= 0);
    assertEquals(-1, chosen[3]);
    assertEquals(-1, chosen[4]);
  }
}
