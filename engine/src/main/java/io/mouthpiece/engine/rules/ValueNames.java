package io.mouthpiece.engine.rules;

/**
 * How a caller names the request's values, so a {@link Violation} reads in the words its user
 * typed: the service says {@code face_choose[1].sound_start_time}, the command line
 * {@code --audio-start}, the engine {@code faces[1].startMs}.
 */
public interface ValueNames {
  /** A value's plain name, as a sentence mentions it: e.g. {@code sound_start_time}. */
  String of(RequestValue value);

  /**
   * Dub {@code dub}'s value (0-based, in the request's order) as a violation's subject names it;
   * by default the plain name.
   */
  default String of(int dub, RequestValue value) {
    return of(value);
  }

  /** The engine's own names: the components of {@code SyncRequest} and {@code FaceDub}. */
  ValueNames ENGINE = new ValueNames() {
    @Override
    public String of(RequestValue value) {
      return switch (value) {
        case FACE -> "faceId";
        case AUDIO -> "audio";
        case AUDIO_START -> "startMs";
        case AUDIO_END -> "endMs";
        case INSERT -> "insertMs";
        case GAIN -> "gain";
        case ORIGINAL_GAIN -> "originalGain";
        case SYNC_MODE -> "mode";
      };
    }

    @Override
    public String of(int dub, RequestValue value) {
      return value == RequestValue.ORIGINAL_GAIN ? of(value) : "faces[" + dub + "]." + of(value);
    }
  };
}
