package io.mouthpiece.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.face.FaceTracker;
import io.mouthpiece.engine.face.FaceTrackerConfig;
import io.mouthpiece.engine.face.IdentifyConfig;
import io.mouthpiece.engine.media.EncodeConfig;
import io.mouthpiece.engine.media.Rational;
import io.mouthpiece.engine.media.VideoWriter;
import io.mouthpiece.engine.motion.MotionConfig;
import io.mouthpiece.engine.motion.TrajectoryShaper;
import io.mouthpiece.engine.render.ExemplarSelector;
import io.mouthpiece.engine.render.SelectionConfig;
import io.mouthpiece.engine.sync.FaceDub;
import io.mouthpiece.engine.sync.SyncConfig;
import io.mouthpiece.engine.sync.SyncRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one way to configure: every {@code *Config} has valid defaults, holds nothing a caller can
 * change afterwards, and is refused, naming the field, by the stage that uses it before that
 * stage touches a file.
 */
class ConfigTest {
  @TempDir Path temp;

  @Test
  void theDefaultsAreValid() {
    FaceTrackerConfig.DEFAULT.checkValidity();
    EncodeConfig.DEFAULT.checkValidity();
    SelectionConfig.DEFAULT.checkValidity();
    MotionConfig.DEFAULT.checkValidity();
    IdentifyConfig.DEFAULT.checkValidity();
    SyncConfig.DEFAULT.checkValidity();
  }

  @Test
  void eachStageRefusesItsConfigNamingTheField() {
    FaceTrackerConfig tracker = FaceTrackerConfig.DEFAULT;
    refused("maxFaces", () -> new FaceTracker(new FaceTrackerConfig(tracker.detectIntervalUs(), 0,
        tracker.minFacePixels(), tracker.threads())));
    SelectionConfig s = SelectionConfig.DEFAULT;
    refused("paramWeights", () -> new ExemplarSelector(new SelectionConfig(s.candidates(), List.of(1.0),
        s.poseScaleRad(), s.holdCost(), s.jumpCost(), s.closedQuantile())));
    MotionConfig m = MotionConfig.DEFAULT;
    refused("leadMs", () -> new TrajectoryShaper(new MotionConfig(m.contextOffsetsMs(), m.minSpeechSec(),
        m.minMeasuredFrames(), m.smoothingSigmaMs(), m.minSilenceSec(), m.closeRampMs(), 301)));
    EncodeConfig e = EncodeConfig.DEFAULT;
    Path out = temp.resolve("out.mp4");
    refused("crf", () -> VideoWriter.open(out, 64, 64, new Rational(25, 1), null,
        new EncodeConfig(52, e.preset(), e.audioBitrate(), e.audioSampleRate(), e.fallbackBitsPerPixel(), null)));
    assertFalse(Files.exists(out), "nothing is written with a refused config");
  }

  @Test
  void theFacadeChecksItsConfigBeforeReadingTheVideo() {
    // The video does not exist: had the job looked at it first, this would be a MediaException.
    Path missing = temp.resolve("missing.mp4");
    refused("analysisFps", () -> LipSync.identify(missing, IdentifyConfig.DEFAULT.withAnalysisFps(-1), Progress.NONE));
    SyncConfig d = SyncConfig.DEFAULT;
    SyncRequest request = new SyncRequest(missing, List.of(new FaceDub("0", missing, 0, 3000, 0, 1.0)), 1.0,
        temp.resolve("out.mp4"));
    refused("maxExemplars", () -> LipSync.sync(request,
        new SyncConfig(d.tracker(), d.selection(), d.encoding(), 7, d.crossFadeMs(), d.motion()), Progress.NONE));
    // A nested config is checked with the one that holds it.
    FaceTrackerConfig t = FaceTrackerConfig.DEFAULT;
    refused("threads", () -> LipSync.sync(request, new SyncConfig(new FaceTrackerConfig(t.detectIntervalUs(),
        t.maxFaces(), t.minFacePixels(), 0), d.selection(), d.encoding(), d.maxExemplars(), d.crossFadeMs(),
        d.motion()), Progress.NONE));
  }

  @Test
  void aConfigKeepsItsOwnCopyOfEveryList() {
    List<Double> weights = new ArrayList<>(SelectionConfig.DEFAULT_PARAM_WEIGHTS);
    SelectionConfig s = SelectionConfig.DEFAULT;
    SelectionConfig selection = new SelectionConfig(s.candidates(), weights, s.poseScaleRad(), s.holdCost(),
        s.jumpCost(), s.closedQuantile());
    weights.set(0, 99.0);
    assertEquals(SelectionConfig.DEFAULT_PARAM_WEIGHTS, selection.paramWeights());
    assertThrows(UnsupportedOperationException.class, () -> selection.paramWeights().set(0, 99.0));

    List<Integer> offsets = new ArrayList<>(MotionConfig.DEFAULT_CONTEXT_OFFSETS_MS);
    MotionConfig m = MotionConfig.DEFAULT;
    MotionConfig motion = new MotionConfig(offsets, m.minSpeechSec(), m.minMeasuredFrames(), m.smoothingSigmaMs(),
        m.minSilenceSec(), m.closeRampMs(), m.leadMs());
    offsets.clear();
    assertEquals(MotionConfig.DEFAULT_CONTEXT_OFFSETS_MS, motion.contextOffsetsMs());
    assertThrows(UnsupportedOperationException.class, () -> motion.contextOffsetsMs().clear());
  }

  private static void refused(String field, Executable stage) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, stage);
    assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
  }
}
