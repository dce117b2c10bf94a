package io.mouthpiece.engine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A violation is data; its sentence is put together from the rule, the facts and a caller's names. */
class ViolationTest {
  /** Names no caller uses, so a name that shows up came from the naming and not from a sentence. */
  private static final ValueNames TEST_NAMES = new ValueNames() {
    @Override
    public String of(RequestValue value) {
      return "<" + value.name().toLowerCase(Locale.ROOT) + ">";
    }

    @Override
    public String of(int dub, RequestValue value) {
      return "dub " + dub + " " + of(value);
    }
  };

  @Test
  void theSentenceQuotesTheFactsAndNamesEveryValueInTheCallersWords() {
    Violation v = Violation.of(1, RequestValue.AUDIO_END, Rule.PIECE_TOO_SHORT, 2_000L, 1_500L, 0L, 1_500L);
    assertEquals("dub 1 <audio_end>: must be at least 2000 ms after <audio_start> (got 1500 ms: 0 to 1500 ms)",
        v.message(TEST_NAMES));
    assertEquals("faces[1].endMs: must be at least 2000 ms after startMs (got 1500 ms: 0 to 1500 ms)",
        v.message(ValueNames.ENGINE));
    assertEquals(v.message(ValueNames.ENGINE), v.toString());
  }

  @Test
  void gainsPrintAsJavaPrintsThemAndFaceListsAsWords() {
    assertEquals("faces[0].gain: must be between 0 and 2.0 (got 2.5)",
        Violation.of(0, RequestValue.GAIN, Rule.GAIN_OUT_OF_RANGE, 2.0, 2.5).toString());
    assertEquals("originalGain: must be between 0 and 2.0 (got 1.23456789E7)",
        Violation.of(3, RequestValue.ORIGINAL_GAIN, Rule.GAIN_OUT_OF_RANGE, 2.0, 12345678.9).toString());
    assertEquals("faces[0].faceId: no face 7 in this video (faces: 0, 1)",
        Violation.of(0, RequestValue.FACE, Rule.NO_SUCH_FACE, "7", List.of("0", "1")).toString());
  }

  @Test
  void manyViolationsAreOneLineEach() {
    List<Violation> two = List.of(FaceRules.noFace(0), FaceRules.chosenTwice(2, "4"));
    assertEquals("faces[0].faceId: no face was found in this video to lip-sync; faces[2].faceId: face 4 is chosen twice;"
        + " each item must be a different face", Violation.messages(two, ValueNames.ENGINE));
  }

  @Test
  void everyRuleTakesExactlyTheFactsItsSentenceQuotes() {
    for (Rule rule : Rule.values()) {
      Object[] facts = IntStream.range(0, rule.factCount()).mapToObj(i -> (Object) (1000L + i)).toArray();
      String message = Violation.of(0, RequestValue.AUDIO, rule, facts).message(TEST_NAMES);
      assertFalse(message.contains("{") || message.contains("}"), message);
      for (Object fact : facts) {
        assertTrue(message.contains(fact.toString()), rule + " quotes " + fact + ": " + message);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> Violation.of(0, RequestValue.AUDIO, Rule.AUDIO_LENGTH, 2_000L));
    assertThrows(IllegalArgumentException.class, () -> Violation.of(-1, RequestValue.FACE, Rule.NO_FACE_IN_VIDEO));
  }

  @Test
  void faceRules() {
    assertEquals(List.of(FaceRules.chosenTwice(2, "0"), FaceRules.chosenTwice(3, "1")),
        FaceRules.checkDistinct(List.of("0", "1", "0", "1", "2")));
    assertTrue(FaceRules.checkShown(0, "1", List.of("0", "1")).isEmpty());
    assertEquals(Violation.of(1, RequestValue.FACE, Rule.NO_SUCH_FACE, "5", List.of("0", "1")),
        FaceRules.checkShown(1, "5", List.of("0", "1")).orElseThrow());
  }
}
