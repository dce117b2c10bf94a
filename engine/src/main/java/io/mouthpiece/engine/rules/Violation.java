package io.mouthpiece.engine.rules;

import java.util.Arrays;
import java.util.List;

/**
 * One broken rule of a lip-sync request, as data: which dub (0-based, in the request's order),
 * which of its values, the rule, and the facts the rule's sentence quotes (times, gains, face
 * ids). {@link #message} words it in a caller's names.
 */
public record Violation(int dub, RequestValue value, Rule rule, List<Object> facts) {
  public Violation {
    facts = List.copyOf(facts);
    if (dub < 0 || facts.size() != rule.factCount()) {
      throw new IllegalArgumentException("bad violation of " + rule + ": dub " + dub + ", facts " + facts);
    }
  }

  public static Violation of(int dub, RequestValue value, Rule rule, Object... facts) {
    return new Violation(dub, value, rule, Arrays.asList(facts));
  }

  /** The value named, then the rule: {@code face_choose[0].sound_end_time: must be at least ...}. */
  public String message(ValueNames names) {
    return names.of(dub, value) + ": " + rule.sentence(facts, names);
  }

  /** Every violation's message, in order, joined by "; ". */
  public static String messages(List<Violation> violations, ValueNames names) {
    return String.join("; ", violations.stream().map(v -> v.message(names)).toList());
  }

  /** In the engine's own names, for logs and a debugger. */
  @Override
  public String toString() {
    return message(ValueNames.ENGINE);
  }
}
