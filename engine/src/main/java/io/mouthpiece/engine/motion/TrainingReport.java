package io.mouthpiece.engine.motion;

import java.util.Map;

/**
 * What {@link MotionTrainer} chose and why: the model, the source's speech and measured frames,
 * and each candidate's cross-validated score on held-back blocks of the source (empty when the
 * source had too little speech or too few measured frames to validate anything).
 *
 * @param validation candidate name ("adapted", "generic", "loudness") to its pooled held-out score
 */
public record TrainingReport(MotionModel model, double speechSec, int measuredFrames,
    Map<String, ApertureScore> validation, String reason) {
  /** The chosen model's name. */
  public String chosen() {
    return model.name();
  }

  @Override
  public String toString() {
    return "chose " + chosen() + " (" + reason + "; speech " + String.format(java.util.Locale.ROOT, "%.1f", speechSec)
        + " s, " + measuredFrames + " measured frames; held-out " + validation + ")";
  }
}
