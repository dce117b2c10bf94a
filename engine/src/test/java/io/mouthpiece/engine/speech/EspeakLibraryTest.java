package io.mouthpiece.engine.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.motion.VoiceActivity;
import io.mouthpiece.engine.testing.Prerequisite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The phonemes of speech made by the real libespeak-ng in its own process: in order, end to end,
 * covering the sound, where the sound is; the sound written is theirs, and the voice the espeak-ng
 * program's, so the built-in voice sounds as it did before. A child that crashes, hangs or tells
 * nonsense fails its synthesis alone.
 */
class EspeakLibraryTest {
  static final String ENGLISH = "Bob put the map back in my bag, then we went home.";
  static final String CHINESE = "我们明天去北京吧。";

  @TempDir Path temp;

  @Test
  void phonemesFollowEachOtherAndCoverTheSoundInEnglishAndChinese() throws Exception {
    Prerequisite.requireEspeakLibrary();
    for (String[] voiceAndText : new String[][] {{"en_us_male", ENGLISH}, {"zh_male", CHINESE}}) {
      Path wav = temp.resolve(voiceAndText[0] + ".wav");
      List<Phoneme> ps = new Synthesiser(SpeechConfig.DEFAULT).speak(new SpeechRequest(voiceAndText[1], voiceAndText[0], 1),
          wav);
      String which = voiceAndText[0] + ": " + ps;
      assertTrue(ps.size() > 15, which);
      assertTrue(ps.get(0).startMs() < 100, which);
      // 16-bit mono at 22,050 Hz after a 44-byte header.
      assertEquals((Files.size(wav) - 44) / 2 / 22.05, ps.get(ps.size() - 1).endMs(), 1, "the last ends with the sound: "
          + which);
      for (int i = 1; i < ps.size(); i++) {
        assertTrue(ps.get(i).startMs() > ps.get(i - 1).startMs(), "increasing times: " + which);
        assertEquals(ps.get(i - 1).endMs(), ps.get(i).startMs(), "each ends where the next starts: " + which);
      }
      // Where the phonemes say speech is, the sound has it: the voiced share of the non-pause phonemes' time.
      PcmAudio audio = AudioReader.decode(wav, AudioFeatures.SAMPLE_RATE, 1, 60_000);
      VoiceActivity voice = VoiceActivity.of(AudioFeatures.of(audio));
      long speechMs = 0;
      long heardMs = 0;
      for (Phoneme p : ps) {
        if (p.name().startsWith("_")) {
          continue;
        }
        for (long t = p.startMs(); t < p.endMs(); t += 10) {
          speechMs += 10;
          heardMs += voice.isSpeech(t / 1000.0) ? 10 : 0;
        }
      }
      assertTrue(heardMs > 0.8 * speechMs, "the sound is voiced where the phonemes are: " + heardMs + " of " + speechMs
          + " ms, " + which);
    }
  }

  @Test
  void theBilabialsOfTheTextAreThere() throws Exception {
    Prerequisite.requireEspeakLibrary();
    List<String> names = new Synthesiser(SpeechConfig.DEFAULT).speak(new SpeechRequest(ENGLISH, "en_us_male", 1),
        temp.resolve("bob.wav")).stream().map(Phoneme::name).toList();
    // Bob, put, map (2), back, my, bag, home: at least eight p, b or m.
    long bilabials = names.stream().filter(n -> n.startsWith("p") || n.startsWith("b") || n.startsWith("m")).count();
    assertTrue(bilabials >= 8, names.toString());
  }

  @Test
  void theSoundIsTheProgramsAndTheSynthesiserTellsThePhonemesOnlyForTheBuiltInCommand() throws Exception {
    Prerequisite.requireEspeak();
    Prerequisite.requireEspeakLibrary();
    SpeechRequest request = new SpeechRequest(ENGLISH, "en_gb_female", 1.3);
    Path viaLibrary = temp.resolve("library.wav");
    List<Phoneme> phonemes = new Synthesiser(SpeechConfig.DEFAULT).speak(request, viaLibrary);
    assertTrue(!phonemes.isEmpty());
    // The same program run as a plugged-in command: its sound, no phonemes.
    Path viaProgram = temp.resolve("program.wav");
    List<String> asPlugged = List.of("espeak-ng", "-v", "{voice}", "-s", "{wpm}", "-w", "{out}", "{text}");
    assertEquals(List.of(), new Synthesiser(SpeechConfig.DEFAULT.withCommand(asPlugged)).speak(request, viaProgram));
    // 16-bit mono at 22,050 Hz after a 44-byte header, as the program writes it: the phonemes end with the sound written.
    double libraryMs = (Files.size(viaLibrary) - 44) / 2 / 22.05;
    assertEquals(libraryMs, phonemes.get(phonemes.size() - 1).endMs(), 1);
    // The same voice as the program's: the library keeps some state from one synthesis to the next (its
    // lengths vary by a few ms in one process), so the sounds agree in length, not sample for sample.
    double programMs = (Files.size(viaProgram) - 44) / 2 / 22.05;
    assertEquals(programMs, libraryMs, 25);
  }

  @Test
  void aChildThatCrashesOrHangsFailsItsSynthesisAloneAndTheNextOneSpeaks() throws Exception {
    Prerequisite.requireEspeakLibrary();
    SpeechRequest hello = new SpeechRequest("Hello there.", "en_us_male", 1);
    SpeechException crashed = assertThrows(SpeechException.class,
        () -> new Synthesiser(SpeechConfig.DEFAULT, Segfault.class).speak(hello, temp.resolve("crash.wav")));
    assertEquals(SpeechException.Kind.FAILED, crashed.kind());
    // The JVM writes its crash report, then, told to dump no core, exits with 1.
    assertEquals("the speech synthesiser crashed on this text (exit 1)", crashed.getMessage());

    long start = System.nanoTime();
    SpeechException hung = assertThrows(SpeechException.class, () -> new Synthesiser(SpeechConfig.DEFAULT
        .withTimeout(Duration.ofMillis(1500)), Hang.class).speak(hello, temp.resolve("hang.wav")));
    assertEquals(SpeechException.Kind.FAILED, hung.kind());
    assertEquals("the speech synthesiser took longer than 1500 ms and was stopped", hung.getMessage());
    assertTrue((System.nanoTime() - start) / 1e9 < 5, "stopped, not waited for");

    SpeechException lied = assertThrows(SpeechException.class,
        () -> new Synthesiser(SpeechConfig.DEFAULT, Overlapping.class).speak(hello, temp.resolve("lie.wav")));
    assertEquals(SpeechException.Kind.FAILED, lied.kind());
    assertEquals("the speech synthesiser told phonemes that make no sense: 'b 50 200' is not after the one before it"
        + " and inside the sound of 1000 ms", lied.getMessage());

    SpeechException flooded = assertThrows(SpeechException.class,
        () -> new Synthesiser(SpeechConfig.DEFAULT, Flood.class).speak(hello, temp.resolve("flood.wav")));
    assertEquals("the speech synthesiser told more than 131072 bytes of phonemes", flooded.getMessage());

    // This JVM lives on, and the next synthesis speaks; no crash report is left behind.
    assertTrue(new Synthesiser(SpeechConfig.DEFAULT).speak(hello, temp.resolve("next.wav")).size() > 5);
    try (Stream<Path> left = Files.list(temp)) {
      assertEquals(List.of(), left.filter(f -> f.toString().endsWith(".log")).toList());
    }
  }

  @Test
  void printedPhonemesAreCheckedNotBelieved() throws Exception {
    assertEquals(List.of(new Phoneme("b", 0, 40), new Phoneme("0", 40, 120), new Phoneme("_", 130, 200)),
        PhonemeLines.parse("b 0 40\n0 40 120\n_ 130 200\n", 200));
    for (String[] bad : new String[][] {
        {"b 0 40\n0 40 9000\n", "'0 40 9000' is not after the one before it and inside the sound of 5000 ms"},
        {"b 40 40\n", "'b 40 40' is not after the one before it and inside the sound of 5000 ms"},
        {"b 0 -40\n", "'b 0 -40' is not a phoneme"},
        {"b  0 40\n", "'b  0 40' is not a phoneme"},
        {"b\u0007 0 40\n", "'b\u0007 0 40' is not a phoneme"},
        {"b 0 99999999999\n", "'b 0 99999999999' is not a phoneme"},
        {IntStream.range(0, PhonemeLines.MAX_PHONEMES + 1).mapToObj(i -> "b " + i + " " + (i + 1) + "\n")
            .collect(Collectors.joining()), "more than 4000 phonemes"}}) {
      SpeechException e = assertThrows(SpeechException.class, () -> PhonemeLines.parse(bad[0], 5000), bad[0]);
      assertEquals("the speech synthesiser told phonemes that make no sense: " + bad[1], e.getMessage());
    }
  }

  @Test
  void withoutTheLibraryTheProgramSpeaksAndNoChildIsStartedAgain() throws Exception {
    Prerequisite.requireEspeak();
    Synthesiser synthesiser = new Synthesiser(SpeechConfig.DEFAULT, NoLibrary.class);
    SpeechRequest hello = new SpeechRequest("Hello there.", "en_us_male", 1);
    assertEquals(List.of(), synthesiser.speak(hello, temp.resolve("first.wav")));
    assertTrue(Files.size(temp.resolve("first.wav")) > 10_000, "the program spoke");
    assertEquals(List.of(), synthesiser.speak(hello, temp.resolve("second.wav")));
    assertTrue(Files.exists(temp.resolve("first.wav.started")));
    assertTrue(!Files.exists(temp.resolve("second.wav.started")), "no child the second time");
    assertTrue(Files.size(temp.resolve("second.wav")) > 10_000, "the program spoke");
  }

  /** A child on a machine without libespeak-ng: it says so as {@link EspeakSpeaker} does, and leaves a mark that it ran. */
  public static final class NoLibrary {
    public static void main(String[] args) throws Exception {
      Files.createFile(Path.of(args[2] + ".started"));
      System.err.println("libespeak-ng is not installed");
      System.exit(EspeakSpeaker.EXIT_NO_LIBRARY);
    }
  }

  /** A child whose native code reads where nothing is, as a memory-safety bug in libespeak-ng would. */
  public static final class Segfault {
    public static void main(String[] args) {
      new Pointer(8).getInt(0);
    }
  }

  /** A child that never ends. */
  public static final class Hang {
    public static void main(String[] args) throws InterruptedException {
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  /** A child that prints without end. */
  public static final class Flood {
    public static void main(String[] args) {
      for (int i = 0; i < 20_000; i++) {
        System.out.println("a " + i + " " + (i + 1));
      }
    }
  }

  /** A child that writes a second of silence and tells phonemes that overlap. */
  public static final class Overlapping {
    public static void main(String[] args) throws Exception {
      new EspeakLibrary.Spoken(new short[22_050], 22_050, List.of()).writeWav(Path.of(args[2]));
      System.out.print("a 0 100\nb 50 200\n");
    }
  }
}
