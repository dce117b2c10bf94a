package io.mouthpiece.engine.speaker;

import io.mouthpiece.engine.face.FaceTrack;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The face a dub takes when the user names none: the face that speaks most (a video with several
 * people is dubbed where the voice is), the largest only when nobody is found speaking (a talking
 * head with no sound, or a voice off screen).
 */
public final class DefaultFace {
  private DefaultFace() {}

  /** The face to dub among {@code faces}; empty when there are none. */
  public static Optional<String> of(WhoSpeaks speaking, List<FaceTrack> faces) {
    Optional<String> speaker = speaking.mostSpeaking()
        .filter(id -> faces.stream().anyMatch(f -> f.faceId().equals(id)));
    if (speaker.isPresent()) {
      return speaker;
    }
    return faces.stream().max(Comparator.comparingDouble(FaceTrack::sizePx)).map(FaceTrack::faceId);
  }
}
