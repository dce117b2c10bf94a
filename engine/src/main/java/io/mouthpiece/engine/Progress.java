package io.mouthpiece.engine;

import java.util.function.DoubleConsumer;

/**
 * Receives how far a long job has got: the stage it is in (one of the names below, or a caller's
 * own) and the fraction of the whole job done, from 0 to 1.
 */
@FunctionalInterface
public interface Progress {
  Progress NONE = (stage, fraction) -> {};

  /** Before the first frame: the speech is decoded and the face models are loaded. */
  String LOADING = "loading";
  /** The first walk: every frame decoded, the faces found, tracked and measured. */
  String TRACKING = "decoding + tracking faces";
  /** Between the walks: each face's mouth predicted from its speech, exemplars chosen. */
  String PLANNING = "planning mouths";
  /** The second walk: frames decoded again, mouths drawn, frames encoded. */
  String RENDERING = "rendering + encoding";
  /** The encoder's last frames and the file's index. */
  String FINISHING = "finishing the file";

  void update(String stage, double fraction);

  /** A stage's own 0..1, mapped onto {@code from..to} of the whole job. */
  default DoubleConsumer stage(String stage, double from, double to) {
    return f -> update(stage, from + (to - from) * Math.max(0, Math.min(1, f)));
  }
}
