package io.mouthpiece.engine.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.motion.VoiceActivity;
import io.mouthpiece.engine.testing.Prerequisite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The phonemes of speech made by the real libespeak-ng: in order, end to end, covering the sound,
 * where the sound is; the sound written is theirs, and the voice the espeak-ng program's, so the
 * built-in voice sounds as it did before.
 */
class EspeakLibraryTest {
  static final String ENGLISH = "Bob put the map back in my bag, then we went home.";
  static final String CHINESE = "我们明天去北京吧。";

  @TempDir Path temp;

  @Test
  void phonemesFollowEachOtherAndCoverTheSoundInEnglishAndChinese() throws Exception {
    Prerequisite.requireEspeakLibrary();
    for (String[] voiceAndText : new String[][] {{"en-us", ENGLISH}, {"cmn", CHINESE}}) {
      EspeakLibrary.Spoken spoken = EspeakLibrary.get().speak(voiceAndText[0], 175, voiceAndText[1]);
      List<Phoneme> ps = spoken.phonemes();
      String which = voiceAndText[0] + ": " + ps;
      assertTrue(ps.size() > 15, which);
      assertTrue(ps.get(0).startMs() < 100, which);
      assertEquals(spoken.durationMs(), ps.get(ps.size() - 1).endMs(), 1, "the last ends with the sound: " + which);
      for (int i = 1; i < ps.size(); i++) {
        assertTrue(ps.get(i).startMs() > ps.get(i - 1).startMs(), "increasing times: " + which);
        assertEquals(ps.get(i - 1).endMs(), ps.get(i).startMs(), "each ends where the next starts: " + which);
      }
      // Where the phonemes say speech is, the sound has it: the voiced share of the non-pause phonemes' time.
      PcmAudio audio = audioOf(spoken, voiceAndText[0]);
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
    List<String> names = EspeakLibrary.get().speak("en-us", 175, ENGLISH).phonemes().stream().map(Phoneme::name).toList();
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

  private PcmAudio audioOf(EspeakLibrary.Spoken spoken, String name) throws Exception {
    Path wav = temp.resolve(name + ".wav");
    spoken.writeWav(wav);
    return AudioReader.decode(wav, AudioFeatures.SAMPLE_RATE, 1, 60_000);
  }
}
