package io.mouthpiece.engine.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fits the generic model on every shared speaking clip and checks the shipped resource is that
 * fit. With {@code -Dmouthpiece.regenerate=true} it writes the resource instead:
 * {@code mvn -f engine/pom.xml test -Dtest=GenericModelFitTest -Dmouthpiece.regenerate=true}.
 */
class GenericModelFitTest {
  static List<SourceSpeech> allSources() {
    return MeasuredClip.SPEAKING.stream().map(MeasuredClip::load).map(MeasuredClip::source).toList();
  }

  @Test
  void shippedModelIsTheFitOfTheSharedClips() throws Exception {
    GenericModel fitted = GenericModel.fit(allSources(), MotionConfig.DEFAULT);
    Path base = Path.of(System.getProperty("basedir", "."));
    Files.createDirectories(base.resolve("target"));
    Files.writeString(base.resolve("target").resolve(GenericModel.RESOURCE), fitted.toText());
    if (Boolean.getBoolean("mouthpiece.regenerate")) {
      Path resource = base.resolve("src/main/resources/io/mouthpiece/engine/motion").resolve(GenericModel.RESOURCE);
      Files.createDirectories(resource.getParent());
      Files.writeString(resource, fitted.toText());
      System.out.println("wrote " + resource);
      return;
    }
    GenericModel shipped = GenericModel.shipped();
    assertArrayEquals(MotionConfig.DEFAULT.contextOffsetsMs(), shipped.offsetsMs());
    // Same predictions on a real clip, to the precision the file keeps.
    MeasuredClip clip = MeasuredClip.load("retalking_face2.mp4");
    SourceSpeech s = clip.source();
    MouthRange range = MouthRange.measure(s.params(), s.closedParams(), 10);
    double[] a = fitted.forSpeaker(s.closedParams(), range, MotionConfig.DEFAULT)
        .predict(s.audio(), s.frameTimesSec()).column(0);
    double[] b = shipped.forSpeaker(s.closedParams(), range, MotionConfig.DEFAULT)
        .predict(s.audio(), s.frameTimesSec()).column(0);
    for (int i = 0; i < a.length; i++) {
      assertTrue(Math.abs(a[i] - b[i]) < 1e-3, "the shipped " + GenericModel.RESOURCE + " is stale (frame " + i + ": "
          + b[i] + " vs refit " + a[i] + "); regenerate it: mvn -f engine/pom.xml test -Dtest=GenericModelFitTest"
          + " -Dmouthpiece.regenerate=true");
    }
  }
}
