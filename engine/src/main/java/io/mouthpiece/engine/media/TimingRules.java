package io.mouthpiece.engine.media;

import java.util.ArrayList;
import java.util.List;

/**
 * The timing rules of Kling's advanced lip-sync (kling-api.md §2), the one place they are checked.
 * Every violation is returned, each naming its field, the rule and the values, in words fit for
 * the API's {@code message}. A rule that depends on a value already reported as wrong is skipped,
 * so one mistake gives one message. The checks come in two parts because the audio's length is
 * only known once the audio has been fetched: {@link #checkRequest} before a task is created,
 * {@link #checkAudio} when the audio is in hand.
 */
public final class TimingRules {
  /** The shortest piece of audio: sound_end_time − sound_start_time. */
  public static final long MIN_PIECE_MS = 2_000;
  /** The least overlap of the placed piece with the face's start_time..end_time. */
  public static final long MIN_FACE_OVERLAP_MS = 2_000;
  /** The shortest audio file accepted. */
  public static final long MIN_AUDIO_MS = 2_000;
  /** The longest audio file accepted. */
  public static final long MAX_AUDIO_MS = 60_000;
  /** Gains (sound_volume, original_audio_volume) lie in [0, MAX_GAIN]. */
  public static final double MAX_GAIN = 2.0;

  private TimingRules() {}

  /** One broken rule: the field as the caller named it, and the full sentence to show. */
  public record Violation(String field, String message) {
    @Override
    public String toString() {
      return message;
    }
  }

  /** One face_choose item's timing as the request gives it (Kling's names in the comments). */
  public record SoundRequest(
      long soundStartMs, // sound_start_time
      long soundEndMs, // sound_end_time
      long soundInsertMs, // sound_insert_time
      double soundVolume, // sound_volume
      double originalAudioVolume) { // original_audio_volume
  }

  /**
   * The rules that need only the request, the video's duration and the chosen face's time span.
   *
   * @param fieldPrefix put before every field name, e.g. {@code "face_choose[1]."}; may be empty
   */
  public static List<Violation> checkRequest(String fieldPrefix, SoundRequest r, long videoDurationMs,
      long faceStartMs, long faceEndMs) {
    if (videoDurationMs < 0 || faceEndMs < faceStartMs) {
      throw new IllegalArgumentException("bad video or face times: video " + videoDurationMs + " ms, face "
          + faceStartMs + ".." + faceEndMs + " ms");
    }
    Fields f = new Fields(fieldPrefix);
    boolean startOk = r.soundStartMs() >= 0;
    if (!startOk) {
      f.add("sound_start_time", "must be at least 0 ms (got " + r.soundStartMs() + " ms)");
    }
    long lengthMs = r.soundEndMs() - r.soundStartMs();
    boolean lengthOk = startOk && lengthMs >= MIN_PIECE_MS;
    if (startOk && !lengthOk) {
      f.add("sound_end_time", "must be at least " + MIN_PIECE_MS + " ms after sound_start_time (got "
          + lengthMs + " ms: " + r.soundStartMs() + " to " + r.soundEndMs() + " ms)");
    }
    boolean insertOk = r.soundInsertMs() >= 0;
    if (!insertOk) {
      f.add("sound_insert_time", "must be at least 0 ms (got " + r.soundInsertMs() + " ms)");
    }
    if (lengthOk && insertOk) {
      long pieceEndMs = saturatedAdd(r.soundInsertMs(), lengthMs);
      if (pieceEndMs > videoDurationMs) {
        f.add("sound_insert_time", "the piece must lie inside the video: inserted at " + r.soundInsertMs()
            + " ms and " + lengthMs + " ms long it ends at " + pieceEndMs + " ms, after the video's end at "
            + videoDurationMs + " ms");
      } else {
        long overlapMs = Math.max(0, Math.min(pieceEndMs, faceEndMs) - Math.max(r.soundInsertMs(), faceStartMs));
        if (overlapMs < MIN_FACE_OVERLAP_MS) {
          f.add("sound_insert_time", "the piece must overlap the face's time by at least " + MIN_FACE_OVERLAP_MS
              + " ms: placed at " + r.soundInsertMs() + " to " + pieceEndMs + " ms, the face is there from "
              + faceStartMs + " to " + faceEndMs + " ms (overlap " + overlapMs + " ms)");
        }
      }
    }
    checkGain(f, "sound_volume", r.soundVolume());
    checkGain(f, "original_audio_volume", r.originalAudioVolume());
    return f.violations;
  }

  /** The rules that need the audio's length: its own duration, and the piece inside it. */
  public static List<Violation> checkAudio(String fieldPrefix, SoundRequest r, long audioDurationMs) {
    Fields f = new Fields(fieldPrefix);
    checkAudioLength(f, audioDurationMs);
    if (r.soundEndMs() > audioDurationMs) {
      f.add("sound_end_time", "must be at most the audio's length, " + audioDurationMs + " ms (got "
          + r.soundEndMs() + " ms)");
    }
    return f.violations;
  }

  /**
   * The rules for a piece with no sound_end_time (the command line's default: the rest of the
   * audio, as much as fits in the video after the insert), before its end is worked out. When too
   * little is left it says which of the values the caller gave leaves too little, in one line:
   * the audio's length, sound_start_time or sound_insert_time. Empty when a piece of at least
   * {@link #MIN_PIECE_MS} fits, or when a value is wrong in a way {@link #check} reports.
   */
  public static List<Violation> checkOpenEnd(String fieldPrefix, long soundStartMs, long soundInsertMs, long audioDurationMs,
      long videoDurationMs) {
    Fields f = new Fields(fieldPrefix);
    if (!checkAudioLength(f, audioDurationMs)) {
      return f.violations;
    }
    if (soundStartMs >= 0 && audioDurationMs - soundStartMs < MIN_PIECE_MS) {
      f.add("sound_start_time", "must leave at least " + MIN_PIECE_MS + " ms of the audio after it: the audio is "
          + audioDurationMs + " ms long (got " + soundStartMs + " ms)");
    } else if (soundInsertMs >= 0 && videoDurationMs - soundInsertMs < MIN_PIECE_MS) {
      f.add("sound_insert_time", "must leave at least " + MIN_PIECE_MS + " ms of the video after it: the video ends at "
          + videoDurationMs + " ms (got " + soundInsertMs + " ms)");
    }
    return f.violations;
  }

  /** Both parts at once, when everything is known. */
  public static List<Violation> check(String fieldPrefix, SoundRequest r, long audioDurationMs, long videoDurationMs,
      long faceStartMs, long faceEndMs) {
    List<Violation> all = new ArrayList<>(checkRequest(fieldPrefix, r, videoDurationMs, faceStartMs, faceEndMs));
    all.addAll(checkAudio(fieldPrefix, r, audioDurationMs));
    return all;
  }

  /** Adds the audio file's length rule when broken; whether it holds. */
  private static boolean checkAudioLength(Fields f, long audioDurationMs) {
    if (audioDurationMs < MIN_AUDIO_MS || audioDurationMs > MAX_AUDIO_MS) {
      f.add("sound_file", "the audio must be " + MIN_AUDIO_MS + " to " + MAX_AUDIO_MS + " ms long (got "
          + audioDurationMs + " ms)");
      return false;
    }
    return true;
  }

  private static void checkGain(Fields f, String field, double gain) {
    if (!(gain >= 0 && gain <= MAX_GAIN)) {
      f.add(field, "must be between 0 and " + MAX_GAIN + " (got " + gain + ")");
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  /** Collects violations under one field prefix. */
  private static final class Fields {
    final String prefix;
    final List<Violation> violations = new ArrayList<>();

    Fields(String prefix) {
      this.prefix = prefix == null ? "" : prefix;
    }

    void add(String field, String rule) {
      String name = prefix + field;
      violations.add(new Violation(name, name + ": " + rule));
    }
  }
}
