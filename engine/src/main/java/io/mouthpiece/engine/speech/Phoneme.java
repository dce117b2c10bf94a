package io.mouthpiece.engine.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * One sound of synthesised speech and when it is heard: espeak-ng's mnemonic for it (e.g. "p",
 * "aI", "@2"; "_" and "_:" are pauses) and its span in ms from the start of the audio it was made
 * with. A phoneme ends where the next begins.
 */
public record Phoneme(String name, long startMs, long endMs) {
  public Phoneme {
    if (name == null || name.isEmpty() || endMs < startMs || startMs < 0) {
      throw new IllegalArgumentException("not a phoneme: '" + name + "' " + startMs + ".." + endMs + " ms");
    }
  }

  /**
   * The phonemes heard in the piece [fromMs, toMs) of their audio, on the piece's own timeline (0
   * at {@code fromMs}); one cut by an end of the piece keeps the part inside it.
   */
  public static List<Phoneme> piece(List<Phoneme> all, long fromMs, long toMs) {
    List<Phoneme> in = new ArrayList<>();
    for (Phoneme p : all) {
      long start = Math.max(p.startMs, fromMs);
      long end = Math.min(p.endMs, toMs);
      if (end > start) {
        in.add(new Phoneme(p.name, start - fromMs, end - fromMs));
      }
    }
    return in;
  }
}
