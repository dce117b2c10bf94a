package io.mouthpiece.engine;

import io.mouthpiece.engine.face.FaceTrackerConfig;
import io.mouthpiece.engine.media.EncodeSettings;
import java.nio.file.Path;

/**
 * How to identify faces.
 *
 * @param debugOverlay if not null, also write this mp4: the video with boxes, face ids and lip
 *     contours drawn on
 */
public record IdentifyOptions(FaceTrackerConfig tracker, Path debugOverlay, EncodeSettings encoding) {
  public static final IdentifyOptions DEFAULT = new IdentifyOptions(FaceTrackerConfig.DEFAULT, null, EncodeSettings.DEFAULT);

  public IdentifyOptions withDebugOverlay(Path out) {
    return new IdentifyOptions(tracker, out, encoding);
  }
}
