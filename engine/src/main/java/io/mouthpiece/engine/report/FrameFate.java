package io.mouthpiece.engine.report;

/**
 * What the render did with one frame for one face, recorded where it was decided (the plan, then
 * the compositor), never guessed afterwards. Every frame has exactly one fate, so the counts of a
 * report add up to the video's frames.
 */
public enum FrameFate {
  /** The chosen mouth was drawn (fully, or partly at the cross-fade's edges). */
  RENDERED("rendered", "re-rendered"),
  /** Before or after the piece of speech on the timeline: the source's own frame, by design. */
  OUTSIDE_WINDOW("outside_window", "outside the speech's window"),
  /** Inside the window, but the tracker did not find the face in this frame. */
  FACE_NOT_FOUND("face_not_found", "face not found"),
  /**
   * Something is in front of the mouth (a hand, a microphone): the source's own frame, since a mouth
   * drawn over the object would be the worst thing to see. The frames either side fade to it.
   */
  MOUTH_COVERED("mouth_covered", "mouth covered"),
  /**
   * Beside a covered mouth: within one cross-fade of a {@link #MOUTH_COVERED} frame, where the object
   * on its way in or out may already be over the lower face; the drawn mouth fades out before these.
   */
  BESIDE_COVERED("beside_covered", "beside a covered mouth"),
  /** Inside the window, but the face's library has no usable mouth (every frame turned, cut off or blurred). */
  NO_MOUTHS("no_mouths", "no usable mouth in the source"),
  /** The window's first frame, where the cross-fade starts from nothing (strength 0). */
  FADED_OUT("faded_out", "at the cross-fade's start"),
  /** The mouth's footprint lies outside the picture. */
  OUTSIDE_PICTURE("outside_picture", "mouth outside the picture"),
  /** The mouth is too small in the picture to draw (a few pixels). */
  TOO_SMALL("too_small", "mouth too small to draw");

  private final String wire;
  private final String words;

  FrameFate(String wire, String words) {
    this.wire = wire;
    this.words = words;
  }

  /** Its name in the report's JSON (snake_case, as the API's fields are). */
  public String wire() {
    return wire;
  }

  /** Its name in a sentence, for the verdict. */
  public String words() {
    return words;
  }
}
