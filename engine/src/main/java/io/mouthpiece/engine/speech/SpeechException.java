package io.mouthpiece.engine.speech;

/** Speech could not be made: no synthesiser, a bad request for it, or the synthesiser failed; the message says which. */
public class SpeechException extends Exception {
  /** Why: the caller refuses a bad request, and reports a missing or failing synthesiser as the service's own fault. */
  public enum Kind { BAD_REQUEST, NO_SYNTHESISER, FAILED }

  private final Kind kind;

  public SpeechException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public SpeechException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
