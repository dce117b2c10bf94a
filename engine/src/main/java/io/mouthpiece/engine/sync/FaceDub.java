package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.rules.SyncMode;
import io.mouthpiece.engine.speech.Phoneme;
import java.nio.file.Path;
import java.util.List;

/**
 * One face to re-voice: the piece [startMs, endMs) of {@code audio}, placed at {@code insertMs} on
 * the video's timeline, at {@code gain}; {@code mode} says what happens when it runs past the
 * video's end.
 *
 * @param faceId the face (identify's face id), or null for the default face: the one that speaks most in the video, else the largest
 * @param endMs {@link #TO_AUDIO_END} for the audio's own end, or as much as fits before the video's end
 *     (in a mode that extends the video: the audio's end)
 * @param mode null for {@link SyncMode#CUT_OFF}
 * @param phonemes the audio's phonemes, ms from the audio file's start, when its synthesiser told
 *     them ({@link io.mouthpiece.engine.speech.Synthesiser}): the mouth is then driven by them, not by
 *     the sound; empty (or null) for audio of unknown words
 */
public record FaceDub(String faceId, Path audio, long startMs, long endMs, long insertMs, double gain, SyncMode mode,
    List<Phoneme> phonemes) {
  /** endMs meaning "to the end of the audio". */
  public static final long TO_AUDIO_END = -1;

  public FaceDub {
    mode = mode == null ? SyncMode.CUT_OFF : mode;
    phonemes = phonemes == null ? List.of() : List.copyOf(phonemes);
  }

  /** A dub of audio whose words are not known: its mouth follows the sound. */
  public FaceDub(String faceId, Path audio, long startMs, long endMs, long insertMs, double gain, SyncMode mode) {
    this(faceId, audio, startMs, endMs, insertMs, gain, mode, List.of());
  }

  /** A dub in the default mode, {@link SyncMode#CUT_OFF}: Kling's own behaviour. */
  public FaceDub(String faceId, Path audio, long startMs, long endMs, long insertMs, double gain) {
    this(faceId, audio, startMs, endMs, insertMs, gain, SyncMode.CUT_OFF);
  }

  /** The same piece, for another face and ending at a known time. */
  FaceDub resolved(String face, long end) {
    return new FaceDub(face, audio, startMs, end, insertMs, gain, mode, phonemes);
  }

  /** Where the piece ends on the video's timeline. */
  public long insertEndMs() {
    return insertMs + (endMs - startMs);
  }
}
