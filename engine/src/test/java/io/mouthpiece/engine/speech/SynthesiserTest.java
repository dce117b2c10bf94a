package io.mouthpiece.engine.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.motion.VoiceActivity;
import io.mouthpiece.engine.testing.Prerequisite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Speech made by the real espeak-ng, and the ways a synthesiser can fail, each said plainly. */
class SynthesiserTest {
  static final String SENTENCE = "The quick brown fox jumps over the lazy dog, and then it runs away.";

  @TempDir Path temp;



  private PcmAudio speak(String voice, double speed) throws Exception {
    Path out = temp.resolve(voice + "-" + speed + ".wav");
    new Synthesiser(SpeechConfig.DEFAULT).speak(new SpeechRequest(SENTENCE, voice, speed), out);
    return AudioReader.decode(out, 16_000, 1, 60_000);
  }

  @Test
  void espeakSpeaksTheTextFasterWhenAskedAndInEveryVoice() throws Exception {
    Prerequisite.requireEspeak();
    PcmAudio normal = speak("en_us_male", 1.0);
    PcmAudio fast = speak("en_us_male", 2.0);
    // About 13 words at 175 a minute: some 4 s; at twice the speed about half of it.
    assertTrue(normal.durationMs() > 2_500 && normal.durationMs() < 7_000, normal.durationMs() + " ms");
    double ratio = fast.durationMs() / (double) normal.durationMs();
    assertTrue(ratio > 0.4 && ratio < 0.65, "twice as fast takes " + ratio + " of the time");
    // It is speech: the voice-activity detector the motion model uses finds voice in most of it.
    double voiced = VoiceActivity.of(AudioFeatures.of(normal)).speechSec() * 1000 / normal.durationMs();
    assertTrue(voiced > 0.5, "voiced share " + voiced);
    for (Voice v : SpeechConfig.DEFAULT_VOICES) {
      assertTrue(speak(v.id(), 1.0).durationMs() > 1_000, v.id());
    }
  }

  @Test
  void aTextStartingWithADashIsSpokenNotTakenForAnOption() throws Exception {
    Prerequisite.requireEspeak();
    Path out = temp.resolve("dash.wav");
    Path elsewhere = temp.resolve("elsewhere.wav");
    // The espeak-ng program, as when its library is missing: the library never parses options.
    new Synthesiser(SpeechConfig.DEFAULT, EspeakLibraryTest.NoLibrary.class)
        .speak(new SpeechRequest("-w " + elsewhere + " hello there", "en_us_male", 1), out);
    assertTrue(Files.size(out) > 10_000);
    assertTrue(!Files.exists(elsewhere), "the text wrote no file of its own");
  }

  @Test
  void aMissingProgramAFailingOneAndASlowOneEachSayWhat() throws Exception {
    SpeechRequest hello = new SpeechRequest("hello", "en_us_male", 1);
    SpeechException missing = assertThrows(SpeechException.class, () -> new Synthesiser(SpeechConfig.DEFAULT
        .withCommand(List.of("no-such-synthesiser-here", "{out}"))).speak(hello, temp.resolve("a.wav")));
    assertEquals(SpeechException.Kind.NO_SYNTHESISER, missing.kind());
    assertTrue(missing.getMessage().contains("'no-such-synthesiser-here' could not be started"), missing.getMessage());
    assertTrue(missing.getMessage().contains("tts.command"), missing.getMessage());

    SpeechException failed = assertThrows(SpeechException.class, () -> new Synthesiser(SpeechConfig.DEFAULT
        .withCommand(List.of("sh", "-c", "echo no such voice >&2; exit 3", "{out}"))).speak(hello, temp.resolve("b.wav")));
    assertEquals(SpeechException.Kind.FAILED, failed.kind());
    assertEquals("the speech synthesiser failed (exit 3: no such voice)", failed.getMessage());

    SpeechException silent = assertThrows(SpeechException.class, () -> new Synthesiser(SpeechConfig.DEFAULT
        .withCommand(List.of("true", "{out}"))).speak(hello, temp.resolve("c.wav")));
    assertEquals("the speech synthesiser wrote no sound", silent.getMessage());

    long start = System.nanoTime();
    SpeechException slow = assertThrows(SpeechException.class, () -> new Synthesiser(SpeechConfig.DEFAULT
        .withCommand(List.of("sh", "-c", "sleep 30; echo late", "{out}")).withTimeout(Duration.ofMillis(300))).speak(hello, temp.resolve("d.wav")));
    assertTrue(slow.getMessage().startsWith("the speech synthesiser took longer than"), slow.getMessage());
    assertTrue((System.nanoTime() - start) / 1e9 < 10, "stopped, not waited for");
  }

  @Test
  void theValuesAndTheCommandArePutInOneArgumentAtATime() {
    Voice v = SpeechConfig.DEFAULT_VOICES.get(1);
    Synthesiser s = new Synthesiser(SpeechConfig.DEFAULT.withCommand(
        SpeechConfig.parseCommand("piper --model '/models/my voice.onnx' --lang {lang} --speed {speed} -t \"{text}\" --out {out}")));
    List<String> argv = s.argv(new SpeechRequest("a b; rm -rf /", v.id(), 1.25), v, Path.of("/tmp/x.wav"));
    assertEquals(List.of("piper", "--model", "/models/my voice.onnx", "--lang", "en", "--speed", "1.25", "-t",
        "a b; rm -rf /", "--out", "/tmp/x.wav"), argv);
    assertEquals(List.of("espeak-ng", "-v", "en-us+f3", "-s", "263", "-w", "/tmp/x.wav", "--stdin"),
        new Synthesiser(SpeechConfig.DEFAULT).argv(new SpeechRequest("hi", v.id(), 1.5), v, Path.of("/tmp/x.wav")));
  }

  @Test
  void requestsOutsideKlingsLimitsNameTheValueAndTheRule() {
    assertEquals(List.of(), new SpeechRequest("Hello.", "en_us_male", 0.8).problems());
    List<SpeechRequest.Problem> p = new SpeechRequest("x".repeat(121), " ", 2.5).problems();
    assertEquals(List.of(
        new SpeechRequest.Problem(SpeechRequest.Value.TEXT, "at most 120 characters (got 121)"),
        new SpeechRequest.Problem(SpeechRequest.Value.VOICE, "required"),
        new SpeechRequest.Problem(SpeechRequest.Value.SPEED, "must be between 0.8 and 2.0 (got 2.5)")), p);
    // Characters, not UTF-16 units: 120 Chinese characters (some outside the BMP) are allowed.
    assertEquals(List.of(), new SpeechRequest("你".repeat(119) + "𠀀", "zh_male", 1).problems());
  }
}
