package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.media.PcmAudio;

/** Predicts the mouth a face should show while saying a piece of speech. */
public interface MouthMotion {
  /**
   * The wanted {@code MouthParams} at each time, in seconds from the start of {@code piece}.
   *
   * @param source the face's own frames and sound, to adapt to the speaker
   */
  double[][] predict(SourceFace source, PcmAudio piece, double[] pieceTimesSec);
}
