package io.mouthpiece.server.task;

import java.util.List;

/**
 * What a task will do, as checked at creation and stored with it (request_json): the video (a
 * held file, or a URL the job fetches) and each face's audio and timing. The job needs nothing else.
 *
 * @param originalGain original_audio_volume
 */
public record TaskPlan(String videoFileId, String videoUrl, List<Dub> dubs, double originalGain, boolean watermark) {

  /**
   * One face to re-voice.
   *
   * @param field the request field its errors are named after, e.g. "face_choose[0]." or "input."
   * @param faceId null for the largest face
   * @param endMs null for "to the audio's end"
   */
  public record Dub(String field, String faceId, String audioFileId, String audioUrl, long startMs, Long endMs,
      long insertMs, double gain) {}
}
