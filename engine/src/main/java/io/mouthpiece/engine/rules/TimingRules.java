package io.mouthpiece.engine.rules;

import static io.mouthpiece.engine.rules.RequestValue.AUDIO;
import static io.mouthpiece.engine.rules.RequestValue.AUDIO_END;
import static io.mouthpiece.engine.rules.RequestValue.AUDIO_START;
import static io.mouthpiece.engine.rules.RequestValue.GAIN;
import static io.mouthpiece.engine.rules.RequestValue.INSERT;
import static io.mouthpiece.engine.rules.RequestValue.ORIGINAL_GAIN;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timing rules of a lip-sync (Kling's advanced lip-sync, kling-api.md §2), the one place they
 * are checked. Every violation is returned, as data naming its dub, value, rule and numbers. A rule
 * that depends on a value already reported as wrong is skipped, so one mistake gives one violation.
 * The checks come in parts because the audio's length is only known once the audio is in hand:
 * {@link #checkRequest} before a task is created, {@link #checkAudio} when the audio is in hand.
 */
public final class TimingRules {
  /** The shortest piece of audio: its end − its start. */
  public static final long MIN_PIECE_MS = 2_000;
  /** The least overlap of the placed piece with its face's time in the video. */
  public static final long MIN_FACE_OVERLAP_MS = 2_000;
  /** The shortest audio file accepted. */
  public static final long MIN_AUDIO_MS = 2_000;
  /** The longest audio file accepted. */
  public static final long MAX_AUDIO_MS = 60_000;
  /** Gains (a dub's and the original sound's) lie in [0, MAX_GAIN]. */
  public static final double MAX_GAIN = 2.0;

  private TimingRules() {}

  /** The limits above by their names, for a caller that checks in another language (the web page). */
  public static Map<String, Number> limits() {
    Map<String, Number> m = new LinkedHashMap<>();
    m.put("MIN_PIECE_MS", MIN_PIECE_MS);
    m.put("MIN_FACE_OVERLAP_MS", MIN_FACE_OVERLAP_MS);
    m.put("MIN_AUDIO_MS", MIN_AUDIO_MS);
    m.put("MAX_AUDIO_MS", MAX_AUDIO_MS);
    m.put("MAX_GAIN", MAX_GAIN);
    return m;
  }

  /** One dub's timing as asked: the piece [startMs, endMs) of its audio, placed at insertMs, and the gains. */
  public record DubTiming(long startMs, long endMs, long insertMs, double gain, double originalGain) {}

  /**
   * The rules that need only the request, the video's duration and the chosen face's time span.
   *
   * @param dub the dub's place in the request, which every violation names
   */
  public static List<Violation> checkRequest(int dub, DubTiming t, long videoDurationMs, long faceStartMs,
      long faceEndMs) {
    return checkRequest(dub, t, SyncMode.CUT_OFF, videoDurationMs, faceStartMs, faceEndMs);
  }

  /**
   * The same, for a dub with a {@link SyncMode}: a piece that runs past the video's end is refused
   * in {@link SyncMode#CUT_OFF} only. Trimmed, it must keep {@link #MIN_PIECE_MS} before the end;
   * remapped, it may end at most {@link SyncMode#MAX_REMAP_SLOWDOWN} times the video's end. The
   * face's overlap is counted on the source as it first plays (a loop's later showings are not
   * counted), and for remap on the face's times slowed as the video is.
   */
  public static List<Violation> checkRequest(int dub, DubTiming t, SyncMode mode, long videoDurationMs,
      long faceStartMs, long faceEndMs) {
    if (videoDurationMs < 0 || faceEndMs < faceStartMs) {
      throw new IllegalArgumentException("bad video or face times: video " + videoDurationMs + " ms, face "
          + faceStartMs + ".." + faceEndMs + " ms");
    }
    List<Violation> found = new ArrayList<>();
    boolean startOk = t.startMs() >= 0;
    if (!startOk) {
      found.add(Violation.of(dub, AUDIO_START, Rule.NOT_BEFORE_ZERO, t.startMs()));
    }
    long lengthMs = t.endMs() - t.startMs();
    boolean lengthOk = startOk && lengthMs >= MIN_PIECE_MS;
    if (startOk && !lengthOk) {
      found.add(Violation.of(dub, AUDIO_END, Rule.PIECE_TOO_SHORT, MIN_PIECE_MS, lengthMs, t.startMs(), t.endMs()));
    }
    boolean insertOk = t.insertMs() >= 0;
    if (!insertOk) {
      found.add(Violation.of(dub, INSERT, Rule.NOT_BEFORE_ZERO, t.insertMs()));
    }
    if (lengthOk && insertOk) {
      long pieceEndMs = saturatedAdd(t.insertMs(), lengthMs);
      long shownEndMs = pieceEndMs; // where the piece ends among the frames its face is counted in
      double slowdown = 1; // how much the face's times stretch: remap's alone
      boolean fits = true;
      if (pieceEndMs > videoDurationMs) {
        switch (mode) {
          case CUT_OFF -> {
            found.add(Violation.of(dub, INSERT, Rule.PIECE_PAST_VIDEO, t.insertMs(), lengthMs, pieceEndMs,
                videoDurationMs));
            fits = false;
          }
          case TRIM -> {
            if (videoDurationMs - t.insertMs() < MIN_PIECE_MS) {
              found.add(Violation.of(dub, INSERT, Rule.TOO_LITTLE_VIDEO_LEFT, MIN_PIECE_MS, videoDurationMs,
                  t.insertMs()));
              fits = false;
            }
            shownEndMs = videoDurationMs;
          }
          case LOOP, BOUNCE -> shownEndMs = videoDurationMs;
          case REMAP -> {
            slowdown = remapSlowdown(pieceEndMs, videoDurationMs);
            if (slowdown > SyncMode.MAX_REMAP_SLOWDOWN) {
              found.add(Violation.of(dub, RequestValue.SYNC_MODE, Rule.REMAP_TOO_SLOW, SyncMode.MAX_REMAP_SLOWDOWN,
                  pieceEndMs, videoDurationMs, String.format(java.util.Locale.ROOT, "%.2f", slowdown)));
              fits = false;
            }
          }
        }
      }
      if (fits) {
        long faceFromMs = Math.round(faceStartMs * slowdown);
        long faceToMs = Math.round(faceEndMs * slowdown);
        long overlapMs = Math.max(0, Math.min(shownEndMs, faceToMs) - Math.max(t.insertMs(), faceFromMs));
        if (overlapMs < MIN_FACE_OVERLAP_MS) {
          found.add(Violation.of(dub, INSERT, Rule.TOO_LITTLE_FACE, MIN_FACE_OVERLAP_MS, t.insertMs(), shownEndMs,
              faceFromMs, faceToMs, overlapMs));
        }
      }
    }
    checkGain(found, dub, GAIN, t.gain());
    checkGain(found, dub, ORIGINAL_GAIN, t.originalGain());
    return found;
  }

  /** The rules that need the audio's length: its own duration, and the piece inside it. */
  public static List<Violation> checkAudio(int dub, DubTiming t, long audioDurationMs) {
    List<Violation> found = new ArrayList<>();
    checkAudioLength(found, dub, audioDurationMs);
    if (t.endMs() > audioDurationMs) {
      found.add(Violation.of(dub, AUDIO_END, Rule.PAST_AUDIO_END, audioDurationMs, t.endMs()));
    }
    return found;
  }

  /**
   * The rules for a piece with no end (the rest of the audio, as much as fits in the video after
   * the insert), before its end is worked out. When too little is left it says which of the values
   * the caller gave leaves too little, in one violation: the audio's length, the start or the
   * insert. Empty when a piece of at least {@link #MIN_PIECE_MS} fits, or when a value is wrong in
   * a way {@link #check} reports.
   */
  public static List<Violation> checkOpenEnd(int dub, long startMs, long insertMs, long audioDurationMs,
      long videoDurationMs) {
    return checkOpenEnd(dub, startMs, insertMs, audioDurationMs, videoDurationMs, SyncMode.CUT_OFF);
  }

  /**
   * The same, for a dub with a {@link SyncMode}: in a mode that extends the video the piece is the
   * whole rest of the audio, so only the audio can leave too little.
   */
  public static List<Violation> checkOpenEnd(int dub, long startMs, long insertMs, long audioDurationMs,
      long videoDurationMs, SyncMode mode) {
    List<Violation> found = new ArrayList<>();
    if (!checkAudioLength(found, dub, audioDurationMs)) {
      return found;
    }
    if (startMs >= 0 && audioDurationMs - startMs < MIN_PIECE_MS) {
      found.add(Violation.of(dub, AUDIO_START, Rule.TOO_LITTLE_AUDIO_LEFT, MIN_PIECE_MS, audioDurationMs, startMs));
    } else if (!mode.extendsVideo() && insertMs >= 0 && videoDurationMs - insertMs < MIN_PIECE_MS) {
      found.add(Violation.of(dub, INSERT, Rule.TOO_LITTLE_VIDEO_LEFT, MIN_PIECE_MS, videoDurationMs, insertMs));
    }
    return found;
  }

  /** Where a piece with no end stops: the rest of the audio, as much as fits in the video after the insert. */
  public static long openEndMs(long startMs, long insertMs, long audioDurationMs, long videoDurationMs) {
    return Math.min(audioDurationMs, startMs + Math.max(0, videoDurationMs - insertMs));
  }

  /** The same, for a dub with a {@link SyncMode}: a mode that extends the video takes the rest of the audio. */
  public static long openEndMs(long startMs, long insertMs, long audioDurationMs, long videoDurationMs, SyncMode mode) {
    return mode.extendsVideo() ? audioDurationMs : openEndMs(startMs, insertMs, audioDurationMs, videoDurationMs);
  }

  /** Both parts at once, when everything is known. */
  public static List<Violation> check(int dub, DubTiming t, long audioDurationMs, long videoDurationMs,
      long faceStartMs, long faceEndMs) {
    return check(dub, t, SyncMode.CUT_OFF, audioDurationMs, videoDurationMs, faceStartMs, faceEndMs);
  }

  /** Both parts at once, for a dub with a {@link SyncMode}. */
  public static List<Violation> check(int dub, DubTiming t, SyncMode mode, long audioDurationMs, long videoDurationMs,
      long faceStartMs, long faceEndMs) {
    List<Violation> all = new ArrayList<>(checkRequest(dub, t, mode, videoDurationMs, faceStartMs, faceEndMs));
    all.addAll(checkAudio(dub, t, audioDurationMs));
    return all;
  }

  /**
   * The rule across a request's dubs, in order: the video has one timeline, so the modes that
   * extend it (loop, bounce, remap) may not be mixed. A violation for every dub whose extending
   * mode differs from the first one's; cut_off and trim go with any.
   */
  public static List<Violation> checkModes(List<SyncMode> modes) {
    List<Violation> found = new ArrayList<>();
    SyncMode first = null;
    for (int dub = 0; dub < modes.size(); dub++) {
      SyncMode m = modes.get(dub);
      if (!m.extendsVideo()) {
        continue;
      }
      if (first == null) {
        first = m;
      } else if (m != first) {
        found.add(Violation.of(dub, RequestValue.SYNC_MODE, Rule.SYNC_MODES_CONFLICT, m.wire(), first.wire()));
      }
    }
    return found;
  }

  /** How many times remap slows a video of {@code videoDurationMs} for a piece ending at {@code pieceEndMs}. */
  public static double remapSlowdown(long pieceEndMs, long videoDurationMs) {
    return videoDurationMs <= 0 ? Double.POSITIVE_INFINITY : Math.max(1, pieceEndMs / (double) videoDurationMs);
  }

  /** Adds the audio file's length rule when broken; whether it holds. */
  private static boolean checkAudioLength(List<Violation> found, int dub, long audioDurationMs) {
    if (audioDurationMs < MIN_AUDIO_MS || audioDurationMs > MAX_AUDIO_MS) {
      found.add(Violation.of(dub, AUDIO, Rule.AUDIO_LENGTH, MIN_AUDIO_MS, MAX_AUDIO_MS, audioDurationMs));
      return false;
    }
    return true;
  }

  private static void checkGain(List<Violation> found, int dub, RequestValue value, double gain) {
    if (!(gain >= 0 && gain <= MAX_GAIN)) {
      found.add(Violation.of(dub, value, Rule.GAIN_OUT_OF_RANGE, MAX_GAIN, gain));
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
