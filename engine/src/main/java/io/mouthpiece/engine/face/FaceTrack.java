package io.mouthpiece.engine.face;

/**
 * One continuous appearance of a face in a video: a Kling {@code face_id}. A face out of view
 * for more than a second comes back as a new one.
 *
 * @param faceId "0", "1", ... in order of first appearance
 * @param startMs time of the first frame it is in
 * @param endMs end of the last frame it is in (that frame's timestamp plus its duration)
 * @param frameCount frames looked at in which it was found (gaps of up to a second are not counted)
 * @param cropPng a PNG picture of the face, from its most frontal, largest frame
 * @param sizePx the face's mean inter-ocular distance in pixels: how large it is in the picture
 */
public record FaceTrack(String faceId, long startMs, long endMs, int frameCount, byte[] cropPng, double sizePx) {
  public long durationMs() {
    return endMs - startMs;
  }
}
