package io.mouthpiece.engine.media;

import java.io.IOException;

/** A media file that cannot be read or written; the message is fit to show a user. */
public class MediaException extends IOException {
  public MediaException(String message) {
    super(message);
  }

  public MediaException(String message, Throwable cause) {
    super(message, cause);
  }
}
