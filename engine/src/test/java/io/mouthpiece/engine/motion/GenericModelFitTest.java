package io.mouthpiece.engine.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.mouth.MouthParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fits the generic model on every clip of the corpus manifest and checks the shipped resource is
 * that fit. With {@code -Dmouthpiece.regenerate=true} it writes the resource instead:
 * {@code mvn -f engine/pom.xml test -Dtest=GenericModelFitTest -Dmouthpiece.regenerate=true}.
 */
class GenericModelFitTest {
  /** Every speaker of the manifest with their measured clips. */
  static List<GenericModel.Speaker> corpusSpeakers() {
    List<GenericModel.Speaker> speakers = new ArrayList<>();
    TrainingCorpus.bySpeaker(TrainingCorpus.clips()).forEach((name, clips) -> speakers.add(
        new GenericModel.Speaker(name, clips.stream().map(c -> MeasuredClip.load(c.file()).source()).toList())));
    return speakers;
  }

  @Test
  void shippedModelIsTheFitOfTheCorpus() throws Exception {
    GenericModel fitted = GenericModel.fit(corpusSpeakers(), MotionConfig.DEFAULT);
    Path base = Path.of(System.getProperty("basedir", "."));
    Files.createDirectories(base.resolve("target"));
    Files.writeString(base.resolve("target").resolve(GenericModel.RESOURCE), fitted.toText());
    if (Boolean.getBoolean("mouthpiece.regenerate")) {
      Path resource = base.resolve("src/main/resources/io/mouthpiece/engine/motion").resolve(GenericModel.RESOURCE);
      Files.createDirectories(resource.getParent());
      Files.writeString(resource, fitted.toText());
      System.out.println("wrote " + resource + " (lambda " + fitted.lambda() + ", adaptPenalty " + fitted.adaptPenalty() + ")");
      return;
    }
    GenericModel shipped = GenericModel.shipped();
    assertArrayEquals(MotionConfig.DEFAULT.contextOffsetsMsArray(), shipped.offsetsMs());
    assertEquals(fitted.lambda(), shipped.lambda(), "the shipped model's ridge penalty");
    assertEquals(fitted.adaptPenalty(), shipped.adaptPenalty(), "the shipped model's adaptation prior");
    MeasuredClip clip = MeasuredClip.load("retalking_face2.mp4");
    SourceSpeech s = clip.source();
    MouthRange range = MouthRange.measure(s.params(), s.closedParams(), 10);
    // Same predictions on a real clip, every param, calibrated and adapted, to the precision the file keeps.
    MouthTrajectory[] a = {fitted.forSpeaker(s.closedParams(), range, MotionConfig.DEFAULT).predict(s.audio(), s.frameTimesSec()),
        fitted.adaptedTo(s, range, MotionConfig.DEFAULT).predict(s.audio(), s.frameTimesSec())};
    MouthTrajectory[] b = {shipped.forSpeaker(s.closedParams(), range, MotionConfig.DEFAULT).predict(s.audio(), s.frameTimesSec()),
        shipped.adaptedTo(s, range, MotionConfig.DEFAULT).predict(s.audio(), s.frameTimesSec())};
    for (int m = 0; m < a.length; m++) {
      for (int i = 0; i < a[m].size(); i++) {
        for (int p = 0; p < MouthParams.COUNT; p++) {
          assertTrue(Math.abs(a[m].params()[i][p] - b[m].params()[i][p]) < 1e-3, "the shipped " + GenericModel.RESOURCE
              + " is stale (frame " + i + ", param " + p + "); regenerate it: mvn -f engine/pom.xml test"
              + " -Dtest=GenericModelFitTest -Dmouthpiece.regenerate=true");
        }
      }
    }
  }
}
