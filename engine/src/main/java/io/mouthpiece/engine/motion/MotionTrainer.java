package io.mouthpiece.engine.motion;

/**
 * Chooses the motion model for one speaker. In: the source video's audio, frame times and measured
 * mouth ({@link SourceSpeech}). Out: the generic model adapted to the speaker ({@link
 * GenericModel#adaptedTo}) when the source has a measured mouth and some speech; the generic model
 * calibrated to the speaker's range when it has a measured mouth but too little speech to learn
 * from; calibrated to typical ranges when it has too few measured frames. The adaptation weighs
 * itself by how many measured frames the source has against its prior, so no cut-off between
 * "adapted" and "generic" is tuned here.
 * The loudness prior is not blended in: on speakers the model never saw, it lowered the predicted
 * aperture's correlation with the real mouth (see the README's figures).
 */
public final class MotionTrainer {
  private MotionTrainer() {}

  /** The chosen model, with the shipped generic model as the prior. */
  public static MotionModel train(SourceSpeech source, MotionConfig config) {
    return trainWithReport(source, config, GenericModel.shipped()).model();
  }

  /**
   * The chosen model and why, with another generic model as the prior (e.g. one that never saw
   * this speaker, to measure honestly); it must read the offsets {@code config} names.
   */
  public static TrainingReport trainWithReport(SourceSpeech source, MotionConfig config, GenericModel generic) {
    config.checkValidity();
    if (!java.util.Arrays.equals(generic.offsetsMs(), config.contextOffsetsMsArray())) {
      throw new IllegalArgumentException("contextOffsetsMs: the generic model reads other offsets than the config");
    }
    double speechSec = VoiceActivity.of(source.audio()).speechSec();
    int measured = source.measuredFrames();
    MouthRange range = MouthRange.measure(source.params(), source.closedParams(), config.minMeasuredFrames());
    if (range == null) {
      double[] closed = MouthRange.valid(source.closedParams()) ? source.closedParams() : TYPICAL_CLOSED.clone();
      return new TrainingReport(generic.forSpeaker(closed, null, config), speechSec, measured, "too few measured frames");
    }
    if (speechSec < config.minSpeechSec()) {
      return new TrainingReport(generic.forSpeaker(range.closed(), range, config), speechSec, measured,
          "too little speech to adapt to");
    }
    return new TrainingReport(generic.adaptedTo(source, range, config), speechSec, measured,
        "adapted to the source's speech");
  }

  /** A frontal adult's closed mouth, for a source whose closed mouth is unknown (no face). */
  private static final double[] TYPICAL_CLOSED = {0.03, 0.55, 1.30};
}
