package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.motion.AudioFeatures;

/**
 * What the source video teaches about one face's mouth: for every frame, its time and measured
 * {@code MouthParams} (a null row where the face is not seen), and the video's own sound as audio
 * features (null for a silent video). Its own audio and mouth are in sync, which is what a speaker-adapted motion
 * model learns from.
 */
public record SourceFace(double[] frameTimesSec, double[][] params, AudioFeatures sound) {
  /**
   * The speaker is learned from the source's first minute at most: the models need seconds of
   * speech, not hours (the shared clips teach them in 2-8 s), and a bounded source keeps the
   * job's memory the same whatever the video's length.
   */
  static final long MAX_TRAINING_US = 60_000_000;
}
