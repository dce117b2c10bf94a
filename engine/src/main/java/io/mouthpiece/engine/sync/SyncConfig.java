package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.face.FaceTrackerConfig;
import io.mouthpiece.engine.media.EncodeConfig;
import io.mouthpiece.engine.motion.MotionConfig;
import io.mouthpiece.engine.render.SelectionConfig;

/**
 * How to lip-sync: tracking, exemplar selection, encoding, and the motion model that turns
 * speech into mouth shapes.
 *
 * @param maxExemplars the most mouths kept per face (bounds memory: about 0.15 MB each)
 * @param crossFadeMs how long the re-rendered mouth fades in and out at the window's edges
 */
public record SyncConfig(FaceTrackerConfig tracker, SelectionConfig selection, EncodeConfig encoding,
    int maxExemplars, long crossFadeMs, MouthMotion motion) {

  /** Throws with the field and the rule when a value is out of range. */
  public SyncConfig {
    tracker.checkValidity();
    if (maxExemplars < 8 || maxExemplars > 5000) {
      throw new IllegalArgumentException("maxExemplars: must be 8 to 5000, got " + maxExemplars);
    }
    if (crossFadeMs < 0 || crossFadeMs > 1000) {
      throw new IllegalArgumentException("crossFadeMs: must be 0 to 1000, got " + crossFadeMs);
    }
    if (motion == null) {
      throw new IllegalArgumentException("motion: a motion model is needed");
    }
  }

  /** The product's settings: default tracking, selection and encoding, the trained motion model. */
  public static SyncConfig standard() {
    return new SyncConfig(FaceTrackerConfig.DEFAULT, SelectionConfig.DEFAULT, EncodeConfig.DEFAULT, 600, 120,
        Motions.trained(MotionConfig.DEFAULT));
  }

  public SyncConfig withMotion(MouthMotion m) {
    return new SyncConfig(tracker, selection, encoding, maxExemplars, crossFadeMs, m);
  }
}
