package io.mouthpiece.engine.motion;

/**
 * Audio to mouth motion: the mouth parameters for each output frame time of a piece of speech.
 * Implementations close the mouth in the audio's pauses and smooth by time (see
 * {@link TrajectoryShaper}), so their output can be rendered as it is.
 */
public interface MotionModel {
  /** The mouth at each of {@code frameTimesSec} (seconds on {@code audio}'s timeline, any spacing). */
  MouthTrajectory predict(AudioFeatures audio, double[] frameTimesSec);

  /** A short name for reports, e.g. "adapted", "generic", "loudness". */
  String name();
}
