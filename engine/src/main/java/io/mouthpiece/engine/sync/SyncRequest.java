package io.mouthpiece.engine.sync;

import java.nio.file.Path;
import java.util.List;

/**
 * A lip-sync job: a video, the faces to re-voice (at least one, each a different face), the gain of
 * the video's own sound and where to write the result.
 */
public record SyncRequest(Path video, List<FaceDub> faces, double originalGain, Path out) {
  public SyncRequest {
    faces = List.copyOf(faces);
    // Every caller's own rules ask for a face already; none left is a caller's bug, not a user's mistake.
    if (faces.isEmpty()) {
      throw new IllegalArgumentException("faces: at least one face to re-voice is needed");
    }
  }
}
