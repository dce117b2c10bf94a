package io.mouthpiece.engine.rules;

/**
 * A value of a lip-sync request that a rule can find wrong, in the engine's own terms. Each caller
 * has its own names for them (Kling's fields, the command line's options): see {@link ValueNames}.
 */
public enum RequestValue {
  /** The face a dub re-voices. */
  FACE,
  /** A dub's audio file. */
  AUDIO,
  /** Where the dub's piece starts in its audio, ms. */
  AUDIO_START,
  /** Where the dub's piece ends in its audio, ms. */
  AUDIO_END,
  /** Where the piece starts on the video's timeline, ms. */
  INSERT,
  /** The gain of the dub's audio. */
  GAIN,
  /** The gain of the video's own sound: one for the whole request. */
  ORIGINAL_GAIN,
  /** What the dub does when its piece runs past the video's end: a {@link SyncMode}. */
  SYNC_MODE
}
