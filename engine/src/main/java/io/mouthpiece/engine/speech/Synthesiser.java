package io.mouthpiece.engine.speech;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Text to speech on this machine. With the built-in command (espeak-ng), the words are spoken by
 * libespeak-ng in a process of its own ({@link ChildSpeech}), which tells the phonemes and their
 * times from the same synthesis, so a mouth can be driven by them; the program is run instead when
 * the library is missing. With a command an operator plugged in, that program is run. Either way:
 * one process a request, no shell, bounded in time and in what it may print.
 */
public final class Synthesiser {
  /** espeak-ng's normal pace, words a minute: {@code {wpm}} is this times the speed. */
  static final int NORMAL_WPM = 175;

  private final SpeechConfig config;
  private final ChildSpeech library;

  public Synthesiser(SpeechConfig config) {
    this(config, EspeakSpeaker.class);
  }

  /** Tests put a speaker of their own (one that crashes, hangs or lies) in the library's child process. */
  Synthesiser(SpeechConfig config, Class<?> speaker) {
    config.checkValidity();
    this.config = config;
    this.library = new ChildSpeech(speaker);
  }

  /** The voices on offer. */
  public List<Voice> voices() {
    return config.voices();
  }

  /** The voice with this id, if there is one. */
  public Optional<Voice> voice(String id) {
    return config.voices().stream().filter(v -> v.id().equals(id)).findFirst();
  }

  /**
   * Speaks the request into {@code out}, a WAV file. The request must have no {@link
   * SpeechRequest#problems()} and name a voice on offer.
   *
   * @return the phonemes of the sound written, ms from its start, when the built-in espeak-ng
   *     spoke through its library; empty when a program made the sound (its phonemes are not known)
   * @throws SpeechException NO_SYNTHESISER when the program is not installed, FAILED when it (or
   *     the library's process) failed, crashed, took too long, wrote nothing or told nonsense
   */
  public List<Phoneme> speak(SpeechRequest request, Path out) throws SpeechException {
    if (!request.problems().isEmpty()) {
      throw new IllegalArgumentException("not a request to speak: " + request.problems());
    }
    Voice voice = voice(request.voiceId())
        .orElseThrow(() -> new IllegalArgumentException("no voice " + request.voiceId()));
    if (config.command().equals(SpeechConfig.DEFAULT_COMMAND)) {
      Optional<List<Phoneme>> phonemes = library.speak(voice.synthesiserVoice(), wordsPerMinute(request),
          request.text(), out, config.timeout());
      if (phonemes.isPresent()) {
        return phonemes.get();
      }
    }
    run(request, voice, out);
    return List.of();
  }

  /** Runs the configured program; it writes {@code out}. */
  private void run(SpeechRequest request, Voice voice, Path out) throws SpeechException {
    List<String> argv = argv(request, voice, out);
    boolean textOnStdin = config.command().stream().noneMatch(a -> a.contains("{text}"));
    BoundedProcess.Ended ended;
    try {
      Files.deleteIfExists(out);
      ended = BoundedProcess.run(new ProcessBuilder(argv).redirectErrorStream(true),
          textOnStdin ? request.text().getBytes(StandardCharsets.UTF_8) : new byte[0], config.timeout(),
          BoundedProcess.MAX_ERROR_BYTES);
    } catch (IOException e) {
      throw new SpeechException(SpeechException.Kind.NO_SYNTHESISER, "the speech synthesiser '" + argv.get(0)
          + "' could not be started (" + e.getMessage() + "); install espeak-ng (Debian: apt-get install espeak-ng)"
          + " or set tts.command to another synthesiser", e);
    }
    String said = ended.outText().strip();
    if (ended.exit() != 0) {
      throw new SpeechException(SpeechException.Kind.FAILED, "the speech synthesiser failed (exit " + ended.exit()
          + (said.isEmpty() ? "" : ": " + said) + ")");
    }
    requireSound(out, said);
  }

  /** Throws FAILED unless {@code out} holds more than a WAV header; {@code said} is what the synthesiser printed. */
  static void requireSound(Path out, String said) throws SpeechException {
    try {
      if (!Files.isRegularFile(out) || Files.size(out) <= 44) {
        throw new SpeechException(SpeechException.Kind.FAILED, "the speech synthesiser wrote no sound"
            + (said.isEmpty() ? "" : " (" + said + ")"));
      }
    } catch (IOException e) {
      throw new SpeechException(SpeechException.Kind.FAILED, "the speech could not be read: " + e.getMessage(), e);
    }
  }

  /** The command with the request's values put in, one argument at a time. */
  List<String> argv(SpeechRequest request, Voice voice, Path out) {
    List<String> argv = new ArrayList<>();
    for (String a : config.command()) {
      argv.add(a.replace("{out}", out.toAbsolutePath().toString())
          .replace("{voice}", voice.synthesiserVoice())
          .replace("{lang}", voice.language())
          .replace("{speed}", String.format(Locale.ROOT, "%.2f", request.speed()))
          .replace("{wpm}", Integer.toString(wordsPerMinute(request)))
          .replace("{text}", request.text()));
    }
    return argv;
  }

  private static int wordsPerMinute(SpeechRequest request) {
    return (int) Math.round(NORMAL_WPM * request.speed());
  }
}
