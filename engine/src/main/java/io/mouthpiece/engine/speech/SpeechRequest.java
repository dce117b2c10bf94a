package io.mouthpiece.engine.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * Words to speak: the text, the voice's id (one of {@link SpeechConfig#voices()}), and the speed,
 * 1 being the synthesiser's normal pace. The limits are Kling's for text2video (kling-api.md §4).
 */
public record SpeechRequest(String text, String voiceId, double speed) {
  /** The longest text, in characters (Unicode code points). */
  public static final int MAX_TEXT_CHARS = 120;
  /** The slowest speed. */
  public static final double MIN_SPEED = 0.8;
  /** The fastest speed. */
  public static final double MAX_SPEED = 2.0;

  /** A value of the request a rule can find wrong; each caller names it in its own words. */
  public enum Value { TEXT, VOICE, SPEED }

  /** One broken rule: the value and what is wrong with it. */
  public record Problem(Value value, String rule) {}

  /** Every rule the request breaks, in the order of its values; empty when it may be spoken. */
  public List<Problem> problems() {
    List<Problem> found = new ArrayList<>();
    if (text == null || text.isBlank()) {
      found.add(new Problem(Value.TEXT, "required, 1 to " + MAX_TEXT_CHARS + " characters"));
    } else {
      int chars = text.codePointCount(0, text.length());
      if (chars > MAX_TEXT_CHARS) {
        found.add(new Problem(Value.TEXT, "at most " + MAX_TEXT_CHARS + " characters (got " + chars + ")"));
      } else if (text.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL && c != '\n')) {
        found.add(new Problem(Value.TEXT, "no control characters, only words to speak"));
      }
    }
    if (voiceId == null || voiceId.isBlank()) {
      found.add(new Problem(Value.VOICE, "required"));
    }
    if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
      found.add(new Problem(Value.SPEED, "must be between " + MIN_SPEED + " and " + MAX_SPEED + " (got " + speed + ")"));
    }
    return found;
  }
}
