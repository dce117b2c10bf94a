package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.rules.ValueNames;
import io.mouthpiece.engine.rules.Violation;
import java.util.List;

/**
 * A lip-sync request that breaks a rule. Each violation says which dub, which value and which
 * rule; the message names the values in the engine's words, {@link #message} in a caller's.
 */
public final class InvalidRequestException extends IllegalArgumentException {
  private final List<Violation> violations;

  public InvalidRequestException(List<Violation> violations) {
    super(Violation.messages(violations, ValueNames.ENGINE));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }

  /** Every violation in {@code names}, joined by "; ". */
  public String message(ValueNames names) {
    return Violation.messages(violations, names);
  }

  /** Throws when {@code violations} is not empty. */
  static void throwIfAny(List<Violation> violations) {
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
  }
}
