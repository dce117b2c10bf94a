package io.mouthpiece.engine.speech;

import io.mouthpiece.engine.DaemonThreads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Text to speech on this machine. With the built-in command (espeak-ng), the words are spoken by
 * libespeak-ng in this process ({@link EspeakLibrary}), which tells the phonemes and their times
 * from the same synthesis, so a mouth can be driven by them; the program is run instead when the
 * library is missing. With a command an operator plugged in, that program is run: one process a
 * request, no shell, bounded in time and in what it may print, and no phonemes.
 */
public final class Synthesiser {
  private static final System.Logger LOG = System.getLogger(Synthesiser.class.getName());
  /** espeak-ng's normal pace, words a minute: {@code {wpm}} is this times the speed. */
  static final int NORMAL_WPM = 175;
  /** The most of the program's own output kept for an error message. */
  private static final int MAX_OUTPUT_BYTES = 4096;

  private final SpeechConfig config;

  public Synthesiser(SpeechConfig config) {
    config.checkValidity();
    this.config = config;
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
   * @throws SpeechException NO_SYNTHESISER when the program is not installed, FAILED when it
   *     failed, took too long or wrote nothing
   */
  public List<Phoneme> speak(SpeechRequest request, Path out) throws SpeechException {
    if (!request.problems().isEmpty()) {
      throw new IllegalArgumentException("not a request to speak: " + request.problems());
    }
    Voice voice = voice(request.voiceId())
        .orElseThrow(() -> new IllegalArgumentException("no voice " + request.voiceId()));
    if (config.command().equals(SpeechConfig.DEFAULT_COMMAND)) {
      try {
        EspeakLibrary.Spoken spoken = EspeakLibrary.get().speak(voice.synthesiserVoice(), wordsPerMinute(request),
            request.text());
        spoken.writeWav(out);
        return spoken.phonemes();
      } catch (SpeechException | IOException e) {
        // The program makes the same sound; only the phonemes are lost, and mouths follow the sound.
        LOG.log(System.Logger.Level.WARNING, "speaking with the espeak-ng program instead of its library, without "
            + "phonemes (mouths follow the sound): " + e.getMessage());
      }
    }
    run(request, voice, out);
    return List.of();
  }

  /** Runs the configured program; it writes {@code out}. */
  private void run(SpeechRequest request, Voice voice, Path out) throws SpeechException {
    List<String> argv = argv(request, voice, out);
    boolean textOnStdin = config.command().stream().noneMatch(a -> a.contains("{text}"));
    Process p;
    try {
      Files.deleteIfExists(out);
      p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new SpeechException(SpeechException.Kind.NO_SYNTHESISER, "the speech synthesiser '" + argv.get(0)
          + "' could not be started (" + e.getMessage() + "); install espeak-ng (Debian: apt-get install espeak-ng)"
          + " or set tts.command to another synthesiser", e);
    }
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Thread reader = DaemonThreads.named("speech-output").newThread(() -> keepHead(p.getInputStream(), printed));
    reader.start();
    try {
      try (OutputStream stdin = p.getOutputStream()) {
        if (textOnStdin) {
          stdin.write(request.text().getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        // A program that reads no input (the text is in its arguments) may have closed it already.
      }
      if (!p.waitFor(config.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        stop(p);
        throw new SpeechException(SpeechException.Kind.FAILED, "the speech synthesiser took longer than "
            + config.timeout().toSeconds() + " s and was stopped");
      }
      reader.join(1000);
    } catch (InterruptedException e) {
      stop(p);
      Thread.currentThread().interrupt();
      throw new SpeechException(SpeechException.Kind.FAILED, "interrupted while speaking", e);
    }
    String said = printed.toString(StandardCharsets.UTF_8).strip();
    if (p.exitValue() != 0) {
      throw new SpeechException(SpeechException.Kind.FAILED, "the speech synthesiser failed (exit " + p.exitValue()
          + (said.isEmpty() ? "" : ": " + said) + ")");
    }
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

  /** Stops the program and whatever it started (a plugged-in command may be a shell script). */
  private static void stop(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  private static void keepHead(InputStream in, ByteArrayOutputStream kept) {
    byte[] buf = new byte[4096];
    try (in) {
      int n;
      while ((n = in.read(buf)) > 0) {
        int room = MAX_OUTPUT_BYTES - kept.size();
        if (room > 0) {
          kept.write(buf, 0, Math.min(room, n));
        }
      }
    } catch (IOException e) {
      // The process ended; what was read is kept.
    }
  }
}
