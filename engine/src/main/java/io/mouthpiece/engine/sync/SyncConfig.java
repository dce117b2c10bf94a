package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.face.FaceTrackerConfig;
import io.mouthpiece.engine.media.EncodeConfig;
import io.mouthpiece.engine.motion.MotionConfig;
import io.mouthpiece.engine.render.SelectionConfig;

/**
 * How to lip-sync: tracking, exemplar selection, encoding, and the motion model that turns
 * speech into mouth shapes. Each field's default is named, and {@link SyncJob} calls {@link
 * #checkValidity()} (which checks the nested configs too) before it reads the video.
 *
 * @param maxExemplars the most mouths kept per face (bounds memory: about 0.15 MB each)
 * @param crossFadeMs how long the re-rendered mouth fades in and out at the window's edges
 * @param motion the motion model: speech in, wanted mouth shapes out
 */
public record SyncConfig(FaceTrackerConfig tracker, SelectionConfig selection, EncodeConfig encoding,
    int maxExemplars, long crossFadeMs, MouthMotion motion) {
  public static final int DEFAULT_MAX_EXEMPLARS = 600;
  public static final long DEFAULT_CROSS_FADE_MS = 120;
  /** The product's model: the shipped generic model, adapted to each source's speaker. */
  public static final MouthMotion DEFAULT_MOTION = Motions.trained(MotionConfig.DEFAULT);

  /** The product's settings: every field at its default. */
  public static final SyncConfig DEFAULT = new SyncConfig(FaceTrackerConfig.DEFAULT, SelectionConfig.DEFAULT,
      EncodeConfig.DEFAULT, DEFAULT_MAX_EXEMPLARS, DEFAULT_CROSS_FADE_MS, DEFAULT_MOTION);

  /** Throws with the field and the rule when a value is out of range, here or in a nested config. */
  public void checkValidity() {
    tracker.checkValidity();
    selection.checkValidity();
    encoding.checkValidity();
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

  public SyncConfig withMotion(MouthMotion m) {
    return new SyncConfig(tracker, selection, encoding, maxExemplars, crossFadeMs, m);
  }

  public SyncConfig withEncoding(EncodeConfig e) {
    return new SyncConfig(tracker, selection, e, maxExemplars, crossFadeMs, motion);
  }
}
