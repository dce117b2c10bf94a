package io.mouthpiece.server.identify;

import java.util.List;
import java.util.Optional;

/** An identify-face answer kept for 24 h: the video it looked at and its faces, for tasks to name. */
public record Session(String id, String accountId, String videoFileId, long durationMs, List<Face> faces,
    long createdAt, long expiresAt) {

  /** One face track of the session, with its crop's file id. */
  public record Face(String faceId, long startMs, long endMs, String imageFileId) {}

  public Optional<Face> face(String faceId) {
    return faces.stream().filter(f -> f.faceId().equals(faceId)).findFirst();
  }
}
