package io.mouthpiece.engine.motion;

/**
 * Settings of motion prediction and training, with defaults, checked in one place.
 *
 * @param contextOffsetsMs the audio frames around an output time the models read (positive: ahead)
 * @param minSpeechSec the least speech (voice activity) a source needs for a speaker-adapted model
 * @param minMeasuredFrames the least frames with a measured mouth a source needs for it
 * @param smoothingSigmaMs the Gaussian (by time) that smooths every trajectory: removes chatter,
 *     keeps openings of 150 ms and more
 * @param minSilenceSec pauses at least this long close the mouth
 * @param closeRampMs how long the mouth takes to reach or leave the closed params at a pause
 * @param leadMs how long before speech resumes the mouth starts to open (lips lead the sound)
 */
public record MotionConfig(
    int[] contextOffsetsMs,
    double minSpeechSec,
    int minMeasuredFrames,
    double smoothingSigmaMs,
    double minSilenceSec,
    double closeRampMs,
    double leadMs) {

  public static final MotionConfig DEFAULT = new MotionConfig(
      new int[] {-200, -150, -100, -50, 0, 50, 100, 150, 200}, 1.5, 40, 35, 0.15, 40, 50);

  public MotionConfig {
    contextOffsetsMs = contextOffsetsMs.clone();
  }

  /** The offsets, a copy (the record stays immutable). */
  @Override
  public int[] contextOffsetsMs() {
    return contextOffsetsMs.clone();
  }

  /** Throws with the field and the rule when a value is out of range. */
  public void checkValidity() {
    if (contextOffsetsMs.length == 0 || contextOffsetsMs.length > 64) {
      throw new IllegalArgumentException("contextOffsetsMs: 1 to 64 offsets, got " + contextOffsetsMs.length);
    }
    for (int o : contextOffsetsMs) {
      if (Math.abs(o) > 1000) {
        throw new IllegalArgumentException("contextOffsetsMs: within ±1000 ms, got " + o);
      }
    }
    if (!(minSpeechSec >= 0)) {
      throw new IllegalArgumentException("minSpeechSec: must be >= 0, got " + minSpeechSec);
    }
    if (minMeasuredFrames < 10) {
      throw new IllegalArgumentException("minMeasuredFrames: must be at least 10, got " + minMeasuredFrames);
    }
    if (!(smoothingSigmaMs >= 0 && smoothingSigmaMs <= 200)) {
      throw new IllegalArgumentException("smoothingSigmaMs: must be 0 to 200, got " + smoothingSigmaMs);
    }
    if (!(minSilenceSec > 0)) {
      throw new IllegalArgumentException("minSilenceSec: must be positive, got " + minSilenceSec);
    }
    if (!(closeRampMs > 0 && closeRampMs <= 200)) {
      throw new IllegalArgumentException("closeRampMs: must be in (0, 200], got " + closeRampMs);
    }
    if (!(leadMs >= 0 && leadMs <= 300)) {
      throw new IllegalArgumentException("leadMs: must be 0 to 300, got " + leadMs);
    }
  }
}
