package io.mouthpiece.engine.face;

import io.mouthpiece.engine.media.EncodeConfig;
import io.mouthpiece.engine.media.Rational;
import java.nio.file.Path;

/**
 * How to identify faces: each field's default is named, and {@link Identify} calls {@link
 * #checkValidity()} (which checks the tracker's and the encoder's too) before it opens the video.
 *
 * @param analysisFps how many frames a second to look for faces in; every frame is decoded, but
 *     face times and crops need no more than ~12 a second, and the mesh is the costly part.
 *     0 means every frame. A debug overlay always analyses every frame.
 * @param debugOverlay if not null, also write this mp4: the video with boxes, face ids and lip
 *     contours drawn on
 * @param encoding how the debug overlay is encoded
 */
public record IdentifyConfig(FaceTrackerConfig tracker, double analysisFps, Path debugOverlay, EncodeConfig encoding) {
  public static final double DEFAULT_ANALYSIS_FPS = 12.5;
  /** No debug overlay. */
  public static final Path DEFAULT_DEBUG_OVERLAY = null;

  /** Every field at its default. */
  public static final IdentifyConfig DEFAULT = new IdentifyConfig(FaceTrackerConfig.DEFAULT, DEFAULT_ANALYSIS_FPS,
      DEFAULT_DEBUG_OVERLAY, EncodeConfig.DEFAULT);

  /** Throws with the field and the rule when a value is out of range, here or in the tracker's or encoder's config. */
  public void checkValidity() {
    tracker.checkValidity();
    encoding.checkValidity();
    if (!(analysisFps >= 0) || analysisFps > 1000) {
      throw new IllegalArgumentException("analysisFps: must be 0 (every frame) to 1000, got " + analysisFps);
    }
  }

  public IdentifyConfig withDebugOverlay(Path out) {
    return new IdentifyConfig(tracker, analysisFps, out, encoding);
  }

  public IdentifyConfig withTracker(FaceTrackerConfig t) {
    return new IdentifyConfig(t, analysisFps, debugOverlay, encoding);
  }

  public IdentifyConfig withAnalysisFps(double fps) {
    return new IdentifyConfig(tracker, fps, debugOverlay, encoding);
  }

  /** Analyse every n-th frame of a video at this nominal rate. */
  int stride(Rational frameRate) {
    if (debugOverlay != null || analysisFps == 0) {
      return 1;
    }
    return (int) Math.max(1, Math.round(frameRate.toDouble() / analysisFps));
  }
}
