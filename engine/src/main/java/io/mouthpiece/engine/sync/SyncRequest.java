package io.mouthpiece.engine.sync;

import java.nio.file.Path;
import java.util.List;

/**
 * A lip-sync job: a video, the faces to re-voice (each a different face), the gain of the video's
 * own sound (original_audio_volume) and where to write the result.
 */
public record SyncRequest(Path video, List<FaceDub> faces, double originalGain, Path out) {
  public SyncRequest {
    faces = List.copyOf(faces);
  }
}
