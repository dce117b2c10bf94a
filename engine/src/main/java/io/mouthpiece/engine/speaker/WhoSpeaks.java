package io.mouthpiece.engine.speaker;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who speaks when: for each face_id, the stretches in which it speaks (empty when never), and, when
 * nobody is found speaking, why.
 *
 * @param speaking each face's ranges in time order, every face of the video present
 * @param hasSound whether the video has sound at all; without, nobody can be found speaking
 * @param note why nobody is found speaking (no sound, no speech heard, no mouth moving with it); empty otherwise
 */
public record WhoSpeaks(Map<String, List<SpeakingRange>> speaking, boolean hasSound, String note) {
  public static final String NO_SOUND = "the video has no sound, so who speaks cannot be told";
  public static final String NO_SPEECH = "no speech is heard in the video's sound";
  public static final String NO_MOUTH = "speech is heard, but no face is found speaking with it: no mouth follows the voice"
      + " clearly enough to tell (a voice off screen, a short clip, mouths too small or turned away)";

  /** A face's ranges; empty for a face never found speaking or not in the video. */
  public List<SpeakingRange> of(String faceId) {
    return speaking.getOrDefault(faceId, List.of());
  }

  /** How long a face speaks in all, in ms. */
  public long speakingMs(String faceId) {
    return of(faceId).stream().mapToLong(SpeakingRange::durationMs).sum();
  }

  /** The face that speaks longest; empty when nobody is found speaking. The earlier face on a tie. */
  public Optional<String> mostSpeaking() {
    String best = null;
    for (String id : speaking.keySet()) {
      if (speakingMs(id) > 0 && (best == null || speakingMs(id) > speakingMs(best))) {
        best = id;
      }
    }
    return Optional.ofNullable(best);
  }
}
