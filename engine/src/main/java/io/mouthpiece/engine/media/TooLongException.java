package io.mouthpiece.engine.media;

/** A media file longer than the caller allowed: readable, but refused for its length alone. */
public final class TooLongException extends MediaException {
  public TooLongException(String message) {
    super(message);
  }
}
