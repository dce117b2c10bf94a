package io.mouthpiece.engine.rules;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules a lip-sync request can break, each with its sentence. In a sentence, {@code {n}} is
 * the violation's n-th fact and {@code {AUDIO_START}} (any {@link RequestValue}) that value's name
 * in the caller's words. The facts each rule quotes are listed with it; times are in ms.
 */
public enum Rule {
  /** A time before 0. Facts: the time. */
  NOT_BEFORE_ZERO("must be at least 0 ms (got {0} ms)"),
  /** A piece shorter than the least. Facts: the least length, the piece's length, its start, its end. */
  PIECE_TOO_SHORT("must be at least {0} ms after {AUDIO_START} (got {1} ms: {2} to {3} ms)"),
  /** A piece that ends after the video. Facts: the insert, the piece's length, where it ends, the video's end. */
  PIECE_PAST_VIDEO("the piece must lie inside the video: inserted at {0} ms and {1} ms long it ends at {2} ms,"
      + " after the video's end at {3} ms"),
  /**
   * A piece that overlaps its face's time too little. Facts: the least overlap, the piece's start
   * and end on the video, the face's first and last time, the overlap.
   */
  TOO_LITTLE_FACE("the piece must overlap the face's time by at least {0} ms: placed at {1} to {2} ms, the face is"
      + " there from {3} to {4} ms (overlap {5} ms)"),
  /** A gain outside [0, most]. Facts: the most, the gain. */
  GAIN_OUT_OF_RANGE("must be between 0 and {0} (got {1})"),
  /** A piece that ends after its audio. Facts: the audio's length, the piece's end. */
  PAST_AUDIO_END("must be at most the audio's length, {0} ms (got {1} ms)"),
  /** An audio file too short or too long. Facts: the least and most lengths, its length. */
  AUDIO_LENGTH("the audio must be {0} to {1} ms long (got {2} ms)"),
  /** An open-ended piece starting too near its audio's end. Facts: the least piece, the audio's length, the start. */
  TOO_LITTLE_AUDIO_LEFT("must leave at least {0} ms of the audio after it: the audio is {1} ms long (got {2} ms)"),
  /** An open-ended piece inserted too near the video's end. Facts: the least piece, the video's end, the insert. */
  TOO_LITTLE_VIDEO_LEFT("must leave at least {0} ms of the video after it: the video ends at {1} ms (got {2} ms)"),
  /** A face the video does not show. Facts: the face id, the ids it does show (a list). */
  NO_SUCH_FACE("no face {0} in this video (faces: {1})"),
  /** No face at all, for a dub that left the choice to the engine. No facts. */
  NO_FACE_IN_VIDEO("no face was found in this video to lip-sync"),
  /** A face an earlier dub chose already. Facts: the face id. */
  FACE_CHOSEN_TWICE("face {0} is chosen twice; each item must be a different face"),
  /** A sync mode that is none. Facts: the modes (a list), the name given. */
  UNKNOWN_SYNC_MODE("must be one of {0} (got '{1}')"),
  /**
   * A remapped piece that would slow the video too much. Facts: the most it may be slowed, where the
   * piece ends, the video's end, how much it would be slowed (as text, 2 decimals).
   */
  REMAP_TOO_SLOW("remap slows the video at most {0} times: the piece ends at {1} ms, which needs the video's {2} ms"
      + " slowed {3} times; shorten the piece or choose loop, bounce or trim"),
  /**
   * A dub extending the video another way than an earlier dub. Facts: its mode, the earlier dub's.
   * The video has one timeline: it can be looped, bounced or remapped, not two of them at once.
   */
  SYNC_MODES_CONFLICT("the video has one timeline and an earlier item extends it with {1}, so this one cannot use {0};"
      + " use one of loop, bounce and remap in a request (cut_off and trim go with any)");

  private final String sentence;
  private final int factCount;

  Rule(String sentence) {
    this.sentence = sentence;
    this.factCount = (int) Slot.PATTERN.matcher(sentence).results().filter(m -> Slot.isFact(m.group(1))).count();
  }

  /**
   * The sentence with its slots unfilled ({@code {0}} a fact, {@code {AUDIO_START}} a value's
   * name): what a caller in another language (the web page) fills in the same way.
   */
  public String template() {
    return sentence;
  }

  /** How many facts a violation of this rule carries. */
  public int factCount() {
    return factCount;
  }

  /** The sentence with the facts and the caller's names put in. */
  public String sentence(List<Object> facts, ValueNames names) {
    Matcher slot = Slot.PATTERN.matcher(sentence);
    StringBuilder out = new StringBuilder();
    while (slot.find()) {
      String key = slot.group(1);
      String text = Slot.isFact(key) ? show(facts.get(Integer.parseInt(key)))
          : names.of(RequestValue.valueOf(key));
      slot.appendReplacement(out, Matcher.quoteReplacement(text));
    }
    slot.appendTail(out);
    return out.toString();
  }

  /** A fact as Java prints it (a long as 3000, a gain as 2.5), a list as "a, b". */
  private static String show(Object fact) {
    return fact instanceof Collection<?> items ? String.join(", ", items.stream().map(String::valueOf).toList())
        : String.valueOf(fact);
  }

  /**
   * A slot in a sentence: {0} for a fact, {AUDIO_START} for a value's name. A class apart, as an
   * enum's own statics are not ready when its constructor runs.
   */
  private static final class Slot {
    static final Pattern PATTERN = Pattern.compile("\\{([0-9]+|[A-Z_]+)\\}");

    static boolean isFact(String key) {
      return Character.isDigit(key.charAt(0));
    }
  }
}
