package io.mouthpiece.engine.rules;

import static io.mouthpiece.engine.rules.RequestValue.AUDIO;
import static io.mouthpiece.engine.rules.RequestValue.AUDIO_END;
import static io.mouthpiece.engine.rules.RequestValue.AUDIO_START;
import static io.mouthpiece.engine.rules.RequestValue.GAIN;
import static io.mouthpiece.engine.rules.RequestValue.INSERT;
import static io.mouthpiece.engine.rules.RequestValue.ORIGINAL_GAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mouthpiece.engine.rules.TimingRules.DubTiming;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every timing rule of kling-api.md §2, broken once, and a plan that keeps them all. */
class TimingRulesTest {
  private static final long VIDEO_MS = 10_000;
  private static final long FACE_START_MS = 1_000;
  private static final long FACE_END_MS = 8_000;
  private static final long AUDIO_MS = 6_000;

  private static DubTiming timing(long startMs, long endMs, long insertMs, double gain, double originalGain) {
    return new DubTiming(startMs, endMs, insertMs, gain, originalGain);
  }

  private static List<Violation> check(DubTiming t) {
    return TimingRules.check(0, t, AUDIO_MS, VIDEO_MS, FACE_START_MS, FACE_END_MS);
  }

  /** Exactly one violation: of this rule, on this value of dub 0, quoting these facts. */
  private static void assertOnly(List<Violation> violations, RequestValue value, Rule rule, Object... facts) {
    assertEquals(List.of(Violation.of(0, value, rule, facts)), violations);
  }

  /** The web page checks by limits(): every limit of the class must be in it, with its value, so none is forgotten. */
  @Test
  void limitsNameEveryConstantOfTheRules() throws IllegalAccessException {
    Map<String, Number> constants = new LinkedHashMap<>();
    for (Field f : TimingRules.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())) {
        constants.put(f.getName(), (Number) f.get(null));
      }
    }
    assertEquals(5, constants.size(), "the class's limits: " + constants);
    assertEquals(constants, TimingRules.limits());
  }

  @Test
  void anOpenEndedPieceWithoutRoomBlamesTheOneValueThatLeftNone() {
    // audio 5000 ms, video 5040 ms: fits
    assertEquals(List.of(), TimingRules.checkOpenEnd(0, 0, 0, 5_000, 5_040));
    assertOnly(TimingRules.checkOpenEnd(0, 0, 6_000, 5_000, 5_040), INSERT, Rule.TOO_LITTLE_VIDEO_LEFT, 2_000L, 5_040L,
        6_000L);
    assertOnly(TimingRules.checkOpenEnd(0, 4_000, 0, 5_000, 5_040), AUDIO_START, Rule.TOO_LITTLE_AUDIO_LEFT, 2_000L,
        5_000L, 4_000L);
    assertEquals(List.of(Violation.of(1, AUDIO, Rule.AUDIO_LENGTH, 2_000L, 60_000L, 1_200L)),
        TimingRules.checkOpenEnd(1, 0, 6_000, 1_200, 5_040), "the audio's own length first, alone");
    assertEquals(List.of(), TimingRules.checkOpenEnd(0, -5, -5, 5_000, 5_040), "negative values are check()'s to report");
  }

  @Test
  void anOpenEndedPieceRunsToTheAudiosEndOrTheVideosWhicheverComesFirst() {
    assertEquals(5_000, TimingRules.openEndMs(0, 0, 5_000, 8_000));
    assertEquals(3_500, TimingRules.openEndMs(500, 5_000, 5_000, 8_000), "3000 ms of video left after the insert");
    assertEquals(500, TimingRules.openEndMs(500, 9_000, 5_000, 8_000), "none left: the piece is empty");
  }

  @Test
  void aValidRequestPassesIncludingEveryBoundary() {
    assertEquals(List.of(), check(timing(0, 4_000, 2_000, 1.0, 1.0)));
    // Exactly the minimum length, exactly the minimum overlap, ending exactly at the video's end
    // and at the audio's end, gains at both ends of their range.
    assertEquals(List.of(), TimingRules.check(0, timing(4_000, 6_000, 6_000, 0.0, 2.0), 6_000, 8_000, 6_000, 8_000));
    assertEquals(List.of(), TimingRules.checkAudio(0, timing(0, 2_000, 0, 1, 1), TimingRules.MIN_AUDIO_MS));
    assertEquals(List.of(), TimingRules.checkAudio(0, timing(0, 2_000, 0, 1, 1), TimingRules.MAX_AUDIO_MS));
  }

  @Test
  void startBeforeZero() {
    assertOnly(check(timing(-1, 3_000, 2_000, 1, 1)), AUDIO_START, Rule.NOT_BEFORE_ZERO, -1L);
  }

  @Test
  void pieceShorterThanTheMinimum() {
    assertOnly(check(timing(500, 2_000, 2_000, 1, 1)), AUDIO_END, Rule.PIECE_TOO_SHORT, TimingRules.MIN_PIECE_MS, 1_500L,
        500L, 2_000L);
    assertOnly(check(timing(3_000, 1_000, 2_000, 1, 1)), AUDIO_END, Rule.PIECE_TOO_SHORT, 2_000L, -2_000L, 3_000L, 1_000L);
  }

  @Test
  void endPastTheAudio() {
    assertOnly(check(timing(3_000, 6_001, 2_000, 1, 1)), AUDIO_END, Rule.PAST_AUDIO_END, 6_000L, 6_001L);
  }

  @Test
  void audioTooShortOrTooLong() {
    assertOnly(TimingRules.checkAudio(0, timing(0, 1_999, 0, 1, 1), 1_999), AUDIO, Rule.AUDIO_LENGTH,
        TimingRules.MIN_AUDIO_MS, TimingRules.MAX_AUDIO_MS, 1_999L);
    assertOnly(TimingRules.checkAudio(0, timing(0, 2_000, 0, 1, 1), 60_001), AUDIO, Rule.AUDIO_LENGTH, 2_000L, 60_000L,
        60_001L);
  }

  @Test
  void insertBeforeZero() {
    assertOnly(check(timing(0, 3_000, -5, 1, 1)), INSERT, Rule.NOT_BEFORE_ZERO, -5L);
  }

  @Test
  void pieceRunningPastTheVideo() {
    assertOnly(check(timing(0, 3_000, 7_001, 1, 1)), INSERT, Rule.PIECE_PAST_VIDEO, 7_001L, 3_000L, 10_001L, 10_000L);
  }

  @Test
  void tooLittleOverlapWithTheFace() {
    // Placed at 7000..9500 ms, the face is there until 8000 ms: 1000 ms of overlap.
    assertOnly(check(timing(0, 2_500, 7_000, 1, 1)), INSERT, Rule.TOO_LITTLE_FACE, TimingRules.MIN_FACE_OVERLAP_MS,
        7_000L, 9_500L, 1_000L, 8_000L, 1_000L);
    // Entirely before the face.
    assertOnly(TimingRules.checkRequest(0, timing(0, 2_000, 0, 1, 1), VIDEO_MS, 5_000, 9_000), INSERT,
        Rule.TOO_LITTLE_FACE, 2_000L, 0L, 2_000L, 5_000L, 9_000L, 0L);
  }

  @Test
  void gainsOutsideZeroToTwo() {
    assertOnly(check(timing(0, 3_000, 2_000, 2.5, 1)), GAIN, Rule.GAIN_OUT_OF_RANGE, 2.0, 2.5);
    assertOnly(check(timing(0, 3_000, 2_000, 1, -0.1)), ORIGINAL_GAIN, Rule.GAIN_OUT_OF_RANGE, 2.0, -0.1);
    assertOnly(check(timing(0, 3_000, 2_000, Double.NaN, 1)), GAIN, Rule.GAIN_OUT_OF_RANGE, 2.0, Double.NaN);
  }

  @Test
  void everyViolationNamesItsDub() {
    List<Violation> all = TimingRules.check(1, timing(-10, 1_000, -1, 3, 5), 1_000, VIDEO_MS, FACE_START_MS, FACE_END_MS);
    assertEquals(List.of(AUDIO_START, INSERT, GAIN, ORIGINAL_GAIN, AUDIO), all.stream().map(Violation::value).toList());
    assertEquals(List.of(1, 1, 1, 1, 1), all.stream().map(Violation::dub).toList());
  }

  @Test
  void hugeNumbersDoNotOverflowIntoAcceptance() {
    assertOnly(check(timing(0, 3_000, Long.MAX_VALUE - 1, 1, 1)), INSERT, Rule.PIECE_PAST_VIDEO, Long.MAX_VALUE - 1,
        3_000L, Long.MAX_VALUE, VIDEO_MS);
  }
}
