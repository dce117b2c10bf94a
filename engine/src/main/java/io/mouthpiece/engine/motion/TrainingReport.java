package io.mouthpiece.engine.motion;

/**
 * What {@link MotionTrainer} chose and why: the model, and the source's speech and measured
 * frames it had to learn from.
 */
public record TrainingReport(MotionModel model, double speechSec, int measuredFrames, String reason) {
  /** The chosen model's name. */
  public String chosen() {
    return model.name();
  }

  @Override
  public String toString() {
    return "chose " + chosen() + " (" + reason + "; speech " + String.format(java.util.Locale.ROOT, "%.1f", speechSec)
        + " s, " + measuredFrames + " measured frames)";
  }
}
