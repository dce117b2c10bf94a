package io.mouthpiece.server.task;

import io.mouthpiece.engine.rules.TimingRules;
import io.mouthpiece.engine.speech.Phoneme;
import io.mouthpiece.server.identify.Session;
import java.util.List;

/**
 * What a task will do, as checked at creation and stored with it (request_json): the video (a
 * held file, or a URL the job fetches) and each face's audio and timing. The job needs nothing else;
 * the session and the faces as identify-face found them are kept to show the task again (task_input),
 * as the session itself expires long before the task.
 *
 * @param originalGain original_audio_volume
 * @param sessionId null for the older endpoint (and tasks stored before it was kept)
 */
public record TaskPlan(String videoFileId, String videoUrl, List<Dub> dubs, double originalGain, boolean watermark,
    String sessionId) {

  /**
   * One face to re-voice.
   *
   * @param field the request field its errors are named after, e.g. "face_choose[0]." or "input."
   * @param faceId null for the largest face
   * @param endMs null for "to the audio's end"
   * @param face the face's track and crop from the session; null for the largest face (and older tasks)
   * @param syncMode sync_mode as checked ({@code SyncMode}'s wire name); null for the default (and older tasks)
   * @param phonemes text2video's phonemes as the synthesiser spoke them (ms from the audio's start),
   *     kept with the task so a worker, even after a restart, drives the mouth by them; null for
   *     other audio (and older tasks)
   */
  public record Dub(String field, String faceId, String audioFileId, String audioUrl, long startMs, Long endMs,
      long insertMs, double gain, Session.Face face, String syncMode, List<Phoneme> phonemes) {
    /**
     * Its timing for the rules that need the audio's length. An open end is not known before the
     * engine works it out, so only the audio's own length is checked then (the piece taken as empty).
     */
    public TimingRules.DubTiming timing(double originalGain) {
      return new TimingRules.DubTiming(startMs, endMs == null ? startMs : endMs, insertMs, gain, originalGain);
    }
  }
}
