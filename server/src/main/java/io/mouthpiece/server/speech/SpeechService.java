package io.mouthpiece.server.speech;

import io.mouthpiece.engine.speech.Phoneme;
import io.mouthpiece.engine.speech.SpeechException;
import io.mouthpiece.engine.speech.SpeechRequest;
import io.mouthpiece.engine.speech.Synthesiser;
import io.mouthpiece.engine.speech.Voice;
import io.mouthpiece.server.errors.KlingError;
import io.mouthpiece.server.errors.KlingException;
import io.mouthpiece.server.media.InputRejected;
import io.mouthpiece.server.media.Inputs;
import io.mouthpiece.server.store.StoredFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Text to speech for an account (Kling's text2video, and our speech endpoint for the web page):
 * checks the request in Kling's words, speaks it with the configured synthesiser and keeps the
 * sound as the account's audio file, checked like any other audio.
 */
public final class SpeechService {
  /** Kling's voice_language values. */
  public static final List<String> LANGUAGES = List.of("en", "zh");
  /** Syntheses at once: each takes a core for well under a second with espeak-ng. */
  private static final int CONCURRENCY = 2;

  private final Synthesiser synthesiser;
  private final Inputs inputs;
  private final Semaphore running = new Semaphore(CONCURRENCY);

  public SpeechService(Synthesiser synthesiser, Inputs inputs) {
    this.synthesiser = synthesiser;
    this.inputs = inputs;
  }

  /** The words to speak, as the client sent them; {@code speed} null means 1. */
  public record Words(String text, String voiceId, String voiceLanguage, Double speed) {}

  /**
   * The words spoken: the account's audio file, and its phonemes with their times (ms from the
   * file's start) when the built-in espeak-ng spoke them; none from a plugged-in synthesiser.
   */
  public record Spoken(StoredFile file, List<Phoneme> phonemes) {}

  /**
   * Speaks the words and keeps the sound. {@code prefix} is put before every field name the
   * errors give ("input." for text2video).
   */
  public Spoken speak(String accountId, String prefix, Words words) {
    SpeechRequest request = new SpeechRequest(words.text(), words.voiceId(), words.speed() == null ? 1.0 : words.speed());
    List<SpeechRequest.Problem> problems = request.problems();
    if (!problems.isEmpty()) {
      throw KlingException.invalidParameter(String.join("; ", problems.stream()
          .map(p -> prefix + fieldOf(p.value()) + ": " + p.rule()).toList()));
    }
    String language = words.voiceLanguage();
    if (language == null || !LANGUAGES.contains(language.toLowerCase(Locale.ROOT))) {
      throw KlingException.invalidParameter(prefix + "voice_language: must be one of " + String.join(", ", LANGUAGES)
          + (language == null ? "" : ", got '" + language + "'"));
    }
    Voice voice = synthesiser.voice(request.voiceId()).orElseThrow(() -> KlingException.invalidParameter(prefix
        + "voice_id: no voice '" + request.voiceId() + "' here; the voices are " + voiceList()));
    if (!voice.language().equalsIgnoreCase(language)) {
      throw KlingException.invalidParameter(prefix + "voice_id: the voice " + voice.id() + " speaks " + voice.language()
          + ", not " + language + " (" + prefix + "voice_language)");
    }
    try {
      if (!running.tryAcquire(1, TimeUnit.MINUTES)) {
        throw new KlingException(KlingError.TIMEOUT, "text to speech: timed out waiting for a free synthesiser");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KlingException(KlingError.UNAVAILABLE, "text to speech: the service is stopping");
    }
    Path tmp = inputs.temp(".wav");
    try {
      List<Phoneme> phonemes = synthesiser.speak(request, tmp);
      return new Spoken(inputs.keepAudio(accountId, prefix + "text", tmp), phonemes);
    } catch (SpeechException e) {
      inputs.discard(tmp);
      if (e.kind() == SpeechException.Kind.NO_SYNTHESISER) {
        throw KlingException.invalidParameter(prefix + "text: cannot be spoken here, as no speech synthesiser is installed: "
            + e.getMessage());
      }
      throw new KlingException(KlingError.INTERNAL, "text to speech failed: " + e.getMessage());
    } catch (InputRejected e) {
      throw KlingException.invalidParameter(e.getMessage());
    } finally {
      running.release();
    }
  }

  /** The voices, for messages and the README: "en_us_male (en), ...". */
  public String voiceList() {
    return String.join(", ", synthesiser.voices().stream().map(v -> v.id() + " (" + v.language() + ")").toList());
  }

  /** The voices on offer. */
  public List<Voice> voices() {
    return synthesiser.voices();
  }

  private static String fieldOf(SpeechRequest.Value value) {
    return switch (value) {
      case TEXT -> "text";
      case VOICE -> "voice_id";
      case SPEED -> "voice_speed";
    };
  }
}
