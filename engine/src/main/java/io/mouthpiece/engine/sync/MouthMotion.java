package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.motion.AudioFeatures;

/** Predicts the mouth a face should show while saying a piece of speech. */
public interface MouthMotion {
  /**
   * The wanted {@code MouthParams} at each time, in seconds from the start of the piece.
   *
   * @param source the face's own frames and sound, to adapt to the speaker
   * @param piece the piece of speech's audio features ({@link AudioFeatures#of} its audio)
   */
  double[][] predict(SourceFace source, AudioFeatures piece, double[] pieceTimesSec);
}
