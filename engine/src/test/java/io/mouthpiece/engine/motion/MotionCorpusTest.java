package io.mouthpiece.engine.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.mouth.MouthParams;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The motion corpus the repository carries holds every clip of the manifest, whole: its speech and
 * a measured mouth for every frame of it. With {@code -Dmouthpiece.remeasure=DIR} (a media folder
 * with the manifest's videos, e.g. ../shared/media) it is first written again:
 * {@value MeasuredClip#REMEASURE}.
 */
class MotionCorpusTest {
  @Test
  void everyManifestClipIsMeasuredFrameByFrame() throws Exception {
    String media = System.getProperty("mouthpiece.remeasure", "");
    if (!media.isEmpty()) {
      MeasuredClip.remeasure(Path.of(media).toAbsolutePath());
    }
    for (TrainingCorpus.Clip c : TrainingCorpus.clips()) {
      MeasuredClip clip = MeasuredClip.load(c.file());
      int n = clip.frameTimesSec().length;
      assertTrue(n >= 50, c.file() + ": " + n + " frames");
      double lastFrame = clip.frameTimesSec()[n - 1];
      double speech = clip.audio().frames() / (double) clip.audio().sampleRate();
      // The speech covers the frames: same clip, same length (the last frame starts up to a frame before the end).
      assertTrue(Math.abs(speech - lastFrame) < 0.25, c.file() + ": speech " + speech + " s, last frame at " + lastFrame + " s");
      for (int i = 1; i < n; i++) {
        assertTrue(clip.frameTimesSec()[i] > clip.frameTimesSec()[i - 1], c.file() + ": frame times rise");
      }
      long measured = Arrays.stream(clip.params()).filter(MouthRange::valid).count();
      assertTrue(measured >= 0.9 * n, c.file() + ": a face on " + measured + " of " + n + " frames");
      assertEquals(MouthParams.COUNT, clip.params()[0].length);
    }
  }
}
