package io.mouthpiece.engine.rules;

import static io.mouthpiece.engine.rules.RequestValue.INSERT;
import static io.mouthpiece.engine.rules.RequestValue.SYNC_MODE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.rules.TimingRules.DubTiming;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The timing rules per sync mode: what each lets through of a piece longer than the video, and what not. */
class SyncModeRulesTest {
  private static final long VIDEO_MS = 5_000;
  private static final long FACE_START_MS = 0;
  private static final long FACE_END_MS = 5_000;

  /** A piece [0, lengthMs) of the audio placed at insertMs. */
  private static List<Violation> check(SyncMode mode, long lengthMs, long insertMs) {
    return TimingRules.checkRequest(0, new DubTiming(0, lengthMs, insertMs, 1, 1), mode, VIDEO_MS, FACE_START_MS,
        FACE_END_MS);
  }

  @Test
  void cutOffRefusesAPiecePastTheEndAsKlingDoesAndIsTheDefault() {
    List<Violation> refused = check(SyncMode.CUT_OFF, 6_000, 1_000);
    assertEquals(List.of(Violation.of(0, INSERT, Rule.PIECE_PAST_VIDEO, 1_000L, 6_000L, 7_000L, 5_000L)), refused);
    assertEquals(refused, TimingRules.checkRequest(0, new DubTiming(0, 6_000, 1_000, 1, 1), VIDEO_MS, FACE_START_MS,
        FACE_END_MS), "the old signature is cut_off");
    assertEquals(SyncMode.CUT_OFF, SyncMode.orDefault(null));
  }

  @Test
  void trimLetsAPiecePastTheEndThroughWhenTheLeastPieceFitsBeforeIt() {
    assertEquals(List.of(), check(SyncMode.TRIM, 6_000, 1_000));
    assertEquals(List.of(), check(SyncMode.TRIM, 6_000, 3_000), "exactly 2000 ms left");
    assertEquals(List.of(Violation.of(0, INSERT, Rule.TOO_LITTLE_VIDEO_LEFT, 2_000L, 5_000L, 3_001L)),
        check(SyncMode.TRIM, 6_000, 3_001));
  }

  @Test
  void loopAndBounceLetAnyLengthThroughButCountTheFaceOnlyWhereTheSourcePlaysFirst() {
    for (SyncMode m : List.of(SyncMode.LOOP, SyncMode.BOUNCE)) {
      assertEquals(List.of(), check(m, 20_000, 0), m.wire());
      // Inserted at 4000 ms, only 1000 ms of the source's face are under the piece before the extension.
      assertEquals(List.of(Violation.of(0, INSERT, Rule.TOO_LITTLE_FACE, 2_000L, 4_000L, 5_000L, 0L, 5_000L, 1_000L)),
          check(m, 20_000, 4_000), m.wire());
    }
  }

  @Test
  void remapSlowsAtMostOneAndAHalfTimesAndSaysByHowMuchItWouldHaveTo() {
    assertEquals(List.of(), check(SyncMode.REMAP, 7_500, 0), "exactly 1.5 times");
    assertEquals(List.of(Violation.of(0, SYNC_MODE, Rule.REMAP_TOO_SLOW, 1.5, 7_501L, 5_000L, "1.50")),
        check(SyncMode.REMAP, 7_501, 0));
    Violation v = check(SyncMode.REMAP, 9_000, 0).get(0);
    assertEquals("faces[0].mode: remap slows the video at most 1.5 times: the piece ends at 9000 ms, which needs the"
        + " video's 5000 ms slowed 1.80 times; shorten the piece or choose loop, bounce or trim",
        v.message(ValueNames.ENGINE));
  }

  @Test
  void aPieceThatFitsPassesTheSameInEveryMode() {
    for (SyncMode m : SyncMode.values()) {
      assertEquals(List.of(), check(m, 3_000, 1_000), m.wire());
    }
  }

  @Test
  void anOpenEndedPieceTakesTheWholeAudioInTheModesThatExtendTheVideo() {
    assertEquals(12_000, TimingRules.openEndMs(1_000, 0, 12_000, VIDEO_MS, SyncMode.LOOP));
    assertEquals(6_000, TimingRules.openEndMs(1_000, 0, 12_000, VIDEO_MS, SyncMode.TRIM));
    assertEquals(List.of(), TimingRules.checkOpenEnd(0, 0, 4_000, 12_000, VIDEO_MS, SyncMode.BOUNCE));
    assertEquals(List.of(Violation.of(0, INSERT, Rule.TOO_LITTLE_VIDEO_LEFT, 2_000L, 5_000L, 4_000L)),
        TimingRules.checkOpenEnd(0, 0, 4_000, 12_000, VIDEO_MS, SyncMode.TRIM));
  }

  @Test
  void oneWayOfExtendingPerRequestWithCutOffAndTrimBesideIt() {
    assertEquals(List.of(), TimingRules.checkModes(List.of(SyncMode.LOOP, SyncMode.TRIM, SyncMode.CUT_OFF, SyncMode.LOOP)));
    assertEquals(List.of(Violation.of(2, SYNC_MODE, Rule.SYNC_MODES_CONFLICT, "bounce", "loop")),
        TimingRules.checkModes(List.of(SyncMode.TRIM, SyncMode.LOOP, SyncMode.BOUNCE)));
  }

  @Test
  void anUnknownModeIsNamedWithTheModesToChooseFrom() {
    assertEquals(Optional.empty(), SyncMode.check(0, null));
    assertEquals(Optional.empty(), SyncMode.check(0, "bounce"));
    Violation v = SyncMode.check(1, "Loop").orElseThrow();
    assertEquals("faces[1].mode: must be one of cut_off, trim, loop, bounce, remap (got 'Loop')",
        v.message(ValueNames.ENGINE));
    assertTrue(SyncMode.of("loop").orElseThrow().extendsVideo() && !SyncMode.TRIM.extendsVideo());
  }
}
