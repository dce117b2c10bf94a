package io.mouthpiece.engine.speaker;

import io.mouthpiece.engine.face.FaceTrack;
import io.mouthpiece.engine.face.Identification;
import io.mouthpiece.engine.media.VideoInfo;
import java.util.List;
import java.util.Optional;

/**
 * What identify finds: the faces of a video ({@link Identification}) and who of them speaks when
 * ({@link WhoSpeaks}).
 */
public record FacesFound(Identification identification, WhoSpeaks speaking) {
  public List<FaceTrack> faces() {
    return identification.faces();
  }

  public VideoInfo video() {
    return identification.video();
  }

  /** Why there is no face, when there is none; empty otherwise. */
  public String note() {
    return identification.note();
  }

  public int frames() {
    return identification.frames();
  }

  public int analysedFrames() {
    return identification.analysedFrames();
  }

  /** The face to dub when the user names none: the one that speaks most, else the largest; empty without a face. */
  public Optional<String> defaultFaceId() {
    return DefaultFace.of(speaking, faces());
  }
}
