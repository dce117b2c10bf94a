package io.mouthpiece.server.errors;

/**
 * A request the service refuses, in the contract's terms: which {@link KlingError} and a message
 * naming the field and the rule. Thrown by the domain, which knows nothing of HTTP; the HTTP side
 * answers it with the error's status and code in the envelope.
 */
public final class KlingException extends RuntimeException {
  private final KlingError error;

  public KlingException(KlingError error, String message) {
    super(message);
    this.error = error;
  }

  public KlingError error() {
    return error;
  }

  /** A parameter breaks a rule (1201); the message names the field. */
  public static KlingException invalidParameter(String message) {
    return new KlingException(KlingError.INVALID_PARAMETER, message);
  }

  /** The request as a whole is unusable (1200): not JSON, too large. */
  public static KlingException invalidRequest(String message) {
    return new KlingException(KlingError.INVALID_REQUEST, message);
  }

  /** No such resource for this account (1203). */
  public static KlingException notFound(String message) {
    return new KlingException(KlingError.NOT_FOUND, message);
  }
}
