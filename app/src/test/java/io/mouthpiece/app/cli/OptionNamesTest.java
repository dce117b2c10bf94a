package io.mouthpiece.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mouthpiece.engine.rules.RequestValue;
import io.mouthpiece.engine.rules.Rule;
import io.mouthpiece.engine.rules.Violation;
import org.junit.jupiter.api.Test;

/** A broken rule worded in the options the user typed, with one --face group and with several. */
class OptionNamesTest {
  private static final Violation TOO_SHORT = Violation.of(1, RequestValue.AUDIO_END, Rule.PIECE_TOO_SHORT, 2000L, 1500L,
      0L, 1500L);

  @Test
  void oneFaceGroupNamesTheOptionAlone() {
    assertEquals("--audio-end: must be at least 2000 ms after --audio-start (got 1500 ms: 0 to 1500 ms)",
        Violation.of(0, RequestValue.AUDIO_END, Rule.PIECE_TOO_SHORT, 2000L, 1500L, 0L, 1500L).message(new OptionNames(1)));
  }

  @Test
  void severalFaceGroupsSayWhichGroupTheOptionWasTypedIn() {
    OptionNames names = new OptionNames(3);
    assertEquals("--audio-end #2: must be at least 2000 ms after --audio-start (got 1500 ms: 0 to 1500 ms)",
        TOO_SHORT.message(names));
    assertEquals("--face #3: face 0 is chosen twice; each item must be a different face",
        Violation.of(2, RequestValue.FACE, Rule.FACE_CHOSEN_TWICE, "0").message(names));
    assertEquals("--original-volume: must be between 0 and 2.0 (got 3.0)",
        Violation.of(1, RequestValue.ORIGINAL_GAIN, Rule.GAIN_OUT_OF_RANGE, 2.0, 3.0).message(names),
        "given once for the whole command");
  }
}
