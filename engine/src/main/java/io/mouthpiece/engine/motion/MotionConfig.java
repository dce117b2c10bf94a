package io.mouthpiece.engine.motion;

import java.util.List;

/**
 * Settings of motion prediction and training: each field's default is named, and the stages that
 * read them ({@link MotionTrainer}, {@link GenericModel#fit}, {@link TrajectoryShaper}) call
 * {@link #checkValidity()} first.
 *
 * @param contextOffsetsMs the audio frames around an output time the models read (positive: ahead);
 *     an unmodifiable copy
 * @param minSpeechSec the least speech (voice activity) a source needs for a speaker-adapted model
 * @param minMeasuredFrames the least frames with a measured mouth a source needs for it
 * @param smoothingSigmaMs the Gaussian (by time) that smooths every trajectory: removes chatter,
 *     keeps openings of 150 ms and more
 * @param minSilenceSec pauses at least this long close the mouth
 * @param closeRampMs how long the mouth takes to reach or leave the closed params at a pause
 * @param leadMs how long before speech resumes the mouth starts to open (lips lead the sound)
 */
public record MotionConfig(
    List<Integer> contextOffsetsMs,
    double minSpeechSec,
    int minMeasuredFrames,
    double smoothingSigmaMs,
    double minSilenceSec,
    double closeRampMs,
    double leadMs) {
  /** Every 50 ms from 200 ms before to 200 ms after; the shipped generic model reads exactly these. */
  public static final List<Integer> DEFAULT_CONTEXT_OFFSETS_MS = List.of(-200, -150, -100, -50, 0, 50, 100, 150, 200);
  public static final double DEFAULT_MIN_SPEECH_SEC = 1.5;
  public static final int DEFAULT_MIN_MEASURED_FRAMES = 40;
  public static final double DEFAULT_SMOOTHING_SIGMA_MS = 35;
  public static final double DEFAULT_MIN_SILENCE_SEC = 0.15;
  public static final double DEFAULT_CLOSE_RAMP_MS = 40;
  public static final double DEFAULT_LEAD_MS = 50;

  /** Every field at its default. */
  public static final MotionConfig DEFAULT = new MotionConfig(DEFAULT_CONTEXT_OFFSETS_MS, DEFAULT_MIN_SPEECH_SEC,
      DEFAULT_MIN_MEASURED_FRAMES, DEFAULT_SMOOTHING_SIGMA_MS, DEFAULT_MIN_SILENCE_SEC, DEFAULT_CLOSE_RAMP_MS,
      DEFAULT_LEAD_MS);

  public MotionConfig {
    // A copy, so the caller's list can change without changing the config.
    contextOffsetsMs = List.copyOf(contextOffsetsMs);
  }

  /** The offsets as the feature loops read them: a fresh array. */
  int[] contextOffsetsMsArray() {
    return contextOffsetsMs.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Throws with the field and the rule when a value is out of range. */
  public void checkValidity() {
    if (contextOffsetsMs.isEmpty() || contextOffsetsMs.size() > 64) {
      throw new IllegalArgumentException("contextOffsetsMs: 1 to 64 offsets, got " + contextOffsetsMs.size());
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
