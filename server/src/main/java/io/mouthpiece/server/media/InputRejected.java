package io.mouthpiece.server.media;

/** An input that breaks a rule (not a video, too long, too small, ...); the message names the field. */
public final class InputRejected extends Exception {
  public InputRejected(String message) {
    super(message);
  }
}
