package io.mouthpiece.server.fetch;

/**
 * A download that did not work; the message names the field and says why, fit for
 * {@code task_status_msg}. {@code retryable} is true only when trying again later can help
 * (timeouts, connection failures, 5xx, 429), never for a refused URL or a file too large.
 */
public final class FetchException extends Exception {
  private final boolean retryable;

  public FetchException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
