package io.mouthpiece.engine.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * The phonemes as {@link EspeakSpeaker} prints them, one a line: "name startMs endMs". Read back,
 * they are checked rather than believed, since the process that printed them ran native code on
 * untrusted text: a bounded count, in order without overlaps, inside the sound.
 */
final class PhonemeLines {
  /** Far more than 120 characters make (a digit or a symbol read out is a word of a few phonemes). */
  static final int MAX_PHONEMES = 4000;
  /** A mnemonic is at most 8 bytes (espeak_EVENT's id.string); bytes that are not UTF-8 may widen it. */
  private static final int MAX_NAME_CHARS = 16;

  private PhonemeLines() {}

  static String format(List<Phoneme> phonemes) {
    StringBuilder s = new StringBuilder();
    for (Phoneme p : phonemes) {
      s.append(p.name()).append(' ').append(p.startMs()).append(' ').append(p.endMs()).append('\n');
    }
    return s.toString();
  }

  /**
   * The phonemes in {@code printed}, of a sound {@code soundMs} long.
   *
   * @throws SpeechException FAILED, saying what makes no sense, at the first line that does not hold
   */
  static List<Phoneme> parse(String printed, long soundMs) throws SpeechException {
    List<Phoneme> phonemes = new ArrayList<>();
    long lastEnd = 0;
    for (String line : printed.lines().toList()) {
      if (phonemes.size() == MAX_PHONEMES) {
        throw nonsense("more than " + MAX_PHONEMES + " phonemes");
      }
      Phoneme p = phoneme(line);
      if (p.startMs() < lastEnd || p.endMs() <= p.startMs() || p.endMs() > soundMs) {
        throw nonsense("'" + line + "' is not after the one before it and inside the sound of " + soundMs + " ms");
      }
      phonemes.add(p);
      lastEnd = p.endMs();
    }
    return phonemes;
  }

  private static Phoneme phoneme(String line) throws SpeechException {
    String[] f = line.split(" ", -1);
    if (f.length != 3 || f[0].isEmpty() || f[0].length() > MAX_NAME_CHARS
        || f[0].codePoints().anyMatch(Character::isISOControl)
        || !f[1].matches("[0-9]{1,9}") || !f[2].matches("[0-9]{1,9}")) {
      throw nonsense("'" + line.substring(0, Math.min(line.length(), 60)) + "' is not a phoneme");
    }
    return new Phoneme(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]));
  }

  private static SpeechException nonsense(String why) {
    return new SpeechException(SpeechException.Kind.FAILED, "the speech synthesiser told phonemes that make no sense: "
        + why);
  }
}
