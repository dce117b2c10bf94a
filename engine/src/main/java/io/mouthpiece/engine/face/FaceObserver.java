package io.mouthpiece.engine.face;

/**
 * Told of every face in every frame identify looks at, under the face_id the face gets, so a later
 * stage can measure the faces in the same walk instead of decoding the video again.
 */
@FunctionalInterface
public interface FaceObserver {
  /** Observes nothing. */
  FaceObserver NONE = (timestampUs, faceId, face) -> { };

  /** One face in one frame; frames come in time order. */
  void accept(long timestampUs, String faceId, TrackedFace face);
}
