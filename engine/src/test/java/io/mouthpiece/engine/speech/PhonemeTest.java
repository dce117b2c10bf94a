package io.mouthpiece.engine.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A piece of synthesised speech keeps its phonemes on its own timeline. */
class PhonemeTest {
  private static final List<Phoneme> SPOKEN = List.of(new Phoneme("h", 0, 100), new Phoneme("@", 100, 300),
      new Phoneme("l", 300, 380), new Phoneme("oU", 380, 600));

  @Test
  void aPieceFromLaterInTheAudioStartsAtItsOwnZeroAndCutsWhatItsEndsCross() {
    assertEquals(List.of(new Phoneme("@", 0, 150), new Phoneme("l", 150, 230), new Phoneme("oU", 230, 300)),
        Phoneme.piece(SPOKEN, 150, 450));
  }

  @Test
  void aPieceOfTheWholeAudioIsTheAudiosPhonemes() {
    assertEquals(SPOKEN, Phoneme.piece(SPOKEN, 0, 600));
  }
}
