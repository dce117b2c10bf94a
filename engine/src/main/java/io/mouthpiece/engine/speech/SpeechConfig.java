package io.mouthpiece.engine.speech;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How speech is made: the synthesiser's command line, the voices it offers, and how long it may
 * take. Each field's default is named; {@link Synthesiser} calls {@link #checkValidity()}.
 *
 * @param command the program and its arguments, with placeholders put in per argument (never
 *     through a shell): {@code {out}} the WAV file to write (required), {@code {voice}} the
 *     voice's synthesiser name, {@code {lang}} its language, {@code {speed}} the speed factor,
 *     {@code {wpm}} words a minute at espeak-ng's normal 175 times the speed, {@code {text}} the
 *     text. Without {@code {text}} the text is written to the program's standard input, which is
 *     safer: a text starting with "-" can never be read as an option.
 * @param voices the voices requests may ask for, by id
 * @param timeout the longest a synthesis may run before it is stopped
 */
public record SpeechConfig(List<String> command, List<Voice> voices, Duration timeout) {
  /** Debian's espeak-ng, reading the text from standard input. */
  public static final List<String> DEFAULT_COMMAND =
      List.of("espeak-ng", "-v", "{voice}", "-s", "{wpm}", "-w", "{out}", "--stdin");
  /** espeak-ng's voices for Kling's two languages; "+f3" is espeak-ng's female variant. */
  public static final List<Voice> DEFAULT_VOICES = List.of(
      new Voice("en_us_male", "en", "en-us", "US English, male"),
      new Voice("en_us_female", "en", "en-us+f3", "US English, female"),
      new Voice("en_gb_male", "en", "en-gb", "UK English, male"),
      new Voice("en_gb_female", "en", "en-gb+f3", "UK English, female"),
      new Voice("zh_male", "zh", "cmn", "Mandarin, male"),
      new Voice("zh_female", "zh", "cmn+f3", "Mandarin, female"));
  /**
   * Short texts take espeak-ng well under a second; this bounds a stuck or slow synthesiser, the
   * library's process (its JVM's start included) too.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Every field at its default. */
  public static final SpeechConfig DEFAULT = new SpeechConfig(DEFAULT_COMMAND, DEFAULT_VOICES, DEFAULT_TIMEOUT);

  public SpeechConfig {
    command = List.copyOf(command);
    voices = List.copyOf(voices);
  }

  /** Throws with the field and the rule when a value is wrong. */
  public void checkValidity() {
    if (command.isEmpty() || command.get(0).isBlank()) {
      throw new IllegalArgumentException("command: must name a program");
    }
    if (command.stream().noneMatch(a -> a.contains("{out}"))) {
      throw new IllegalArgumentException("command: must contain {out}, the WAV file the synthesiser writes");
    }
    if (voices.isEmpty()) {
      throw new IllegalArgumentException("voices: at least one");
    }
    Set<String> ids = new HashSet<>();
    for (Voice v : voices) {
      if (!ids.add(v.id())) {
        throw new IllegalArgumentException("voices: the id " + v.id() + " is given twice");
      }
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: must be positive, got " + timeout);
    }
  }

  public SpeechConfig withCommand(List<String> c) {
    return new SpeechConfig(c, voices, timeout);
  }

  public SpeechConfig withTimeout(Duration t) {
    return new SpeechConfig(command, voices, t);
  }

  /**
   * A command as an operator writes it in the settings, split into arguments at spaces; single or
   * double quotes keep spaces inside one argument ({@code piper --model '/models/my voice.onnx'}).
   */
  public static List<String> parseCommand(String line) {
    List<String> args = new ArrayList<>();
    StringBuilder arg = new StringBuilder();
    boolean inArg = false;
    char quote = 0;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          arg.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inArg = true;
      } else if (Character.isWhitespace(c)) {
        if (inArg) {
          args.add(arg.toString());
          arg.setLength(0);
          inArg = false;
        }
      } else {
        arg.append(c);
        inArg = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("command: a quote is not closed in: " + line);
    }
    if (inArg) {
      args.add(arg.toString());
    }
    return args;
  }
}
