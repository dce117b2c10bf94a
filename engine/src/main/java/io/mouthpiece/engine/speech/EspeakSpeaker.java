package io.mouthpiece.engine.speech;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The main of the process {@link ChildSpeech} starts for one synthesis, so that libespeak-ng's
 * native code (which crafted text has crashed before, CVE-2023-49990 to 49994) runs outside the
 * service. Arguments: the voice, words a minute, the WAV file to write; the text on standard input.
 * It writes the sound and prints its phonemes ({@link PhonemeLines}); on a failure it prints why on
 * standard error and exits with one of the codes below.
 */
public final class EspeakSpeaker {
  /** The arguments or the input were not what {@link ChildSpeech} sends. */
  static final int EXIT_USAGE = 2;
  /** libespeak-ng (or its data) is not on this machine. */
  static final int EXIT_NO_LIBRARY = 3;
  /** The library said it could not speak this (an unknown voice, no sound), or the sound could not be written. */
  static final int EXIT_REFUSED = 4;
  /** Far more than the longest text a request may have (120 characters of up to 4 bytes). */
  static final int MAX_TEXT_BYTES = 4096;

  private EspeakSpeaker() {}

  public static void main(String[] args) throws IOException {
    byte[] text = System.in.readNBytes(MAX_TEXT_BYTES + 1);
    if (args.length != 3 || text.length > MAX_TEXT_BYTES || !args[1].matches("[0-9]{1,4}")) {
      System.err.println("usage: EspeakSpeaker VOICE WORDS_A_MINUTE OUT.wav, the text (at most " + MAX_TEXT_BYTES
          + " bytes) on standard input");
      System.exit(EXIT_USAGE);
    }
    try {
      EspeakLibrary.Spoken spoken = EspeakLibrary.get().speak(args[0], Integer.parseInt(args[1]),
          new String(text, StandardCharsets.UTF_8));
      spoken.writeWav(Path.of(args[2]));
      PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
      out.print(PhonemeLines.format(spoken.phonemes()));
      out.flush();
      System.exit(out.checkError() ? EXIT_REFUSED : 0);
    } catch (SpeechException e) {
      System.err.println(e.getMessage());
      System.exit(e.kind() == SpeechException.Kind.NO_SYNTHESISER ? EXIT_NO_LIBRARY : EXIT_REFUSED);
    } catch (IOException e) {
      System.err.println("the sound could not be written: " + e.getMessage());
      System.exit(EXIT_REFUSED);
    }
  }
}
