package io.mouthpiece.engine.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mouthpiece.engine.face.FaceLandmarks;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Landmarks written to the temporary file come back exactly, in any order, and only if written. */
class LandmarkFileTest {
  private static FaceLandmarks random(Random rnd) {
    float[] xyz = new float[FaceLandmarks.COUNT * 3];
    for (int i = 0; i < xyz.length; i++) {
      xyz[i] = rnd.nextFloat() * 1280 - 100;
    }
    return new FaceLandmarks(xyz);
  }

  @Test
  void everyFrameComesBackBitForBitWhateverTheOrder() {
    Random rnd = new Random(7);
    FaceLandmarks[] written = new FaceLandmarks[50];
    try (LandmarkFile file = new LandmarkFile()) {
      for (int i = written.length - 1; i >= 0; i -= 2) {
        written[i] = random(rnd);
        file.write(i, written[i]);
      }
      for (int i = 0; i < written.length; i += 2) {
        written[i] = random(rnd);
        file.write(i, written[i]);
      }
      file.write(10, written[10] = random(rnd)); // rewriting a frame replaces it
      for (int i = 0; i < written.length; i++) {
        assertArrayEquals(written[i].xyz(), file.read(i).xyz(), "frame " + i);
      }
    }
  }

  @Test
  void aFramePastTheEndWasNeverWritten() {
    try (LandmarkFile file = new LandmarkFile()) {
      file.write(0, random(new Random(1)));
      assertThrows(IllegalStateException.class, () -> file.read(3));
    }
  }
}
