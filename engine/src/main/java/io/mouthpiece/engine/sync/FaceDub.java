package io.mouthpiece.engine.sync;

import java.nio.file.Path;

/**
 * One face to re-voice: the piece [startMs, endMs) of {@code audio}, placed at {@code insertMs} on
 * the video's timeline, at {@code gain}.
 *
 * @param faceId the face (identify's face id), or null for the default face: the one that speaks most in the video, else the largest
 * @param endMs {@link #TO_AUDIO_END} for the audio's own end, or as much as fits before the video's end
 */
public record FaceDub(String faceId, Path audio, long startMs, long endMs, long insertMs, double gain) {
  /** endMs meaning "to the end of the audio". */
  public static final long TO_AUDIO_END = -1;

  /** The same piece, for another face and ending at a known time. */
  FaceDub resolved(String face, long end) {
    return new FaceDub(face, audio, startMs, end, insertMs, gain);
  }

  /** Where the piece ends on the video's timeline. */
  public long insertEndMs() {
    return insertMs + (endMs - startMs);
  }
}
