package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.media.TimingRules.Violation;
import java.util.List;

/** A lip-sync request that breaks a rule; every broken rule names its field. */
public final class InvalidRequestException extends IllegalArgumentException {
  private final List<Violation> violations;

  public InvalidRequestException(List<Violation> violations) {
    super(String.join("; ", violations.stream().map(Violation::message).toList()));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
