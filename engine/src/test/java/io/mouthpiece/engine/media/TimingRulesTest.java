package io.mouthpiece.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.media.TimingRules.SoundRequest;
import io.mouthpiece.engine.media.TimingRules.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every timing rule of kling-api.md §2, broken once, and a plan that keeps them all. */
class TimingRulesTest {
  private static final long VIDEO_MS = 10_000;
  private static final long FACE_START_MS = 1_000;
  private static final long FACE_END_MS = 8_000;
  private static final long AUDIO_MS = 6_000;

  private static SoundRequest request(long startMs, long endMs, long insertMs, double soundVolume, double originalVolume) {
    return new SoundRequest(startMs, endMs, insertMs, soundVolume, originalVolume);
  }

  private static List<Violation> check(SoundRequest r) {
    return TimingRules.check("", r, AUDIO_MS, VIDEO_MS, FACE_START_MS, FACE_END_MS);
  }

  /** Exactly one violation, on this field, whose message says all of {@code parts}. */
  private static void assertOnly(List<Violation> violations, String field, String... parts) {
    assertEquals(1, violations.size(), violations.toString());
    Violation v = violations.get(0);
    assertEquals(field, v.field());
    assertTrue(v.message().startsWith(field + ": "), v.message());
    for (String part : parts) {
      assertTrue(v.message().contains(part), "'" + v.message() + "' should say '" + part + "'");
    }
  }

  @Test
  void anOpenEndedPieceWithoutRoomBlamesTheOneValueThatLeftNone() {
    // audio 5000 ms, video 5040 ms: fits
    assertEquals(List.of(), TimingRules.checkOpenEnd("", 0, 0, 5_000, 5_040));
    assertEquals(List.of("sound_insert_time: must leave at least 2000 ms of the video after it: the video ends at 5040 ms"
        + " (got 6000 ms)"), messages(TimingRules.checkOpenEnd("", 0, 6_000, 5_000, 5_040)));
    assertEquals(List.of("sound_start_time: must leave at least 2000 ms of the audio after it: the audio is 5000 ms long"
        + " (got 4000 ms)"), messages(TimingRules.checkOpenEnd("", 4_000, 0, 5_000, 5_040)));
    assertEquals(List.of("face_choose[1].sound_file: the audio must be 2000 to 60000 ms long (got 1200 ms)"),
        messages(TimingRules.checkOpenEnd("face_choose[1].", 0, 6_000, 1_200, 5_040)), "the audio's own length first, alone");
    assertEquals(List.of(), TimingRules.checkOpenEnd("", -5, -5, 5_000, 5_040), "negative values are check()'s to report");
  }

  private static List<String> messages(List<Violation> violations) {
    return violations.stream().map(Violation::message).toList();
  }

  @Test
  void aValidRequestPassesIncludingEveryBoundary() {
    assertEquals(List.of(), check(request(0, 4_000, 2_000, 1.0, 1.0)));
    // Exactly the minimum length, exactly the minimum overlap, ending exactly at the video's end
    // and at the audio's end, gains at both ends of their range.
    assertEquals(List.of(), TimingRules.check("", request(4_000, 6_000, 6_000, 0.0, 2.0), 6_000, 8_000, 6_000, 8_000));
    assertEquals(List.of(), TimingRules.checkAudio("", request(0, 2_000, 0, 1, 1), TimingRules.MIN_AUDIO_MS));
    assertEquals(List.of(), TimingRules.checkAudio("", request(0, 2_000, 0, 1, 1), TimingRules.MAX_AUDIO_MS));
  }

  @Test
  void startBeforeZero() {
    assertOnly(check(request(-1, 3_000, 2_000, 1, 1)), "sound_start_time", "at least 0 ms", "-1 ms");
  }

  @Test
  void pieceShorterThanTheMinimum() {
    assertOnly(check(request(500, 2_000, 2_000, 1, 1)), "sound_end_time",
        "at least " + TimingRules.MIN_PIECE_MS + " ms after sound_start_time", "got 1500 ms");
    assertOnly(check(request(3_000, 1_000, 2_000, 1, 1)), "sound_end_time", "got -2000 ms");
  }

  @Test
  void endPastTheAudio() {
    assertOnly(check(request(3_000, 6_001, 2_000, 1, 1)), "sound_end_time", "audio's length, 6000 ms", "got 6001 ms");
  }

  @Test
  void audioTooShortOrTooLong() {
    assertOnly(TimingRules.checkAudio("", request(0, 1_999, 0, 1, 1), 1_999).subList(0, 1), "sound_file",
        TimingRules.MIN_AUDIO_MS + " to " + TimingRules.MAX_AUDIO_MS + " ms", "got 1999 ms");
    assertOnly(TimingRules.checkAudio("", request(0, 2_000, 0, 1, 1), 60_001), "sound_file", "got 60001 ms");
  }

  @Test
  void insertBeforeZero() {
    assertOnly(check(request(0, 3_000, -5, 1, 1)), "sound_insert_time", "at least 0 ms", "-5 ms");
  }

  @Test
  void pieceRunningPastTheVideo() {
    assertOnly(check(request(0, 3_000, 7_001, 1, 1)), "sound_insert_time", "inside the video",
        "ends at 10001 ms", "video's end at 10000 ms");
  }

  @Test
  void tooLittleOverlapWithTheFace() {
    // Placed at 7000..9500 ms, the face is there until 8000 ms: 1000 ms of overlap.
    assertOnly(check(request(0, 2_500, 7_000, 1, 1)), "sound_insert_time",
        "at least " + TimingRules.MIN_FACE_OVERLAP_MS + " ms", "7000 to 9500 ms", "1000 to 8000 ms", "overlap 1000 ms");
    // Entirely before the face.
    assertOnly(TimingRules.checkRequest("", request(0, 2_000, 0, 1, 1), VIDEO_MS, 5_000, 9_000),
        "sound_insert_time", "overlap 0 ms");
  }

  @Test
  void gainsOutsideZeroToTwo() {
    assertOnly(check(request(0, 3_000, 2_000, 2.5, 1)), "sound_volume", "between 0 and 2", "2.5");
    assertOnly(check(request(0, 3_000, 2_000, 1, -0.1)), "original_audio_volume", "between 0 and 2", "-0.1");
    assertOnly(check(request(0, 3_000, 2_000, Double.NaN, 1)), "sound_volume", "NaN");
  }

  @Test
  void everyViolationIsReportedUnderThePrefix() {
    List<Violation> all = TimingRules.check("face_choose[1].", request(-10, 1_000, -1, 3, 5), 1_000, VIDEO_MS,
        FACE_START_MS, FACE_END_MS);
    assertEquals(List.of("face_choose[1].sound_start_time", "face_choose[1].sound_insert_time",
        "face_choose[1].sound_volume", "face_choose[1].original_audio_volume", "face_choose[1].sound_file"),
        all.stream().map(Violation::field).toList());
    for (Violation v : all) {
      assertTrue(v.message().startsWith(v.field() + ": "), v.message());
    }
  }

  @Test
  void hugeNumbersDoNotOverflowIntoAcceptance() {
    assertOnly(check(request(0, 3_000, Long.MAX_VALUE - 1, 1, 1)), "sound_insert_time", "inside the video");
  }
}
