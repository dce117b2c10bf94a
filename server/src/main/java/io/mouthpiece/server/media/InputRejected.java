package io.mouthpiece.server.media;

/** An input that breaks a rule (not a video, too long, too small, ...); the message names the field. */
public final class InputRejected extends Exception {
  private final boolean undecodable;

  public InputRejected(String message) {
    this(message, false);
  }

  private InputRejected(String message, boolean undecodable) {
    super(message);
    this.undecodable = undecodable;
  }

  /** Refused because FFmpeg could not read it as the kind asked for (not for a rule it broke). */
  public static InputRejected undecodable(String message) {
    return new InputRejected(message, true);
  }

  /** Whether the file was not of the kind asked for at all: an upload may then be the other kind. */
  public boolean undecodable() {
    return undecodable;
  }
}
