package io.mouthpiece.engine.motion;

import io.mouthpiece.engine.mouth.MouthParams;
import java.util.ArrayList;
import java.util.List;

/**
 * The speaker-adapted model: a ridge regression from the standardised log-mel bands at the
 * configured offsets around a frame (±200 ms by default, look-ahead included) to that frame's
 * measured {@link MouthParams}, fitted on the source video itself (its own audio and mouth are in
 * sync). Standardising the bands over each audio separately takes out level and microphone.
 */
public final class AdaptedModel implements MotionModel {
  private final Ridge ridge;
  private final int[] offsetsMs;
  private final double[] closed;
  private final TrajectoryShaper shaper;

  private AdaptedModel(Ridge ridge, double[] closed, MotionConfig config) {
    this.ridge = ridge;
    this.offsetsMs = config.contextOffsetsMs().clone();
    this.closed = closed.clone();
    this.shaper = new TrajectoryShaper(config);
  }

  /**
   * Fits on the source frames whose index {@code use} accepts and whose params are measured;
   * null when fewer than two such frames.
   */
  static AdaptedModel fit(SourceSpeech source, java.util.function.IntPredicate use, MotionConfig config) {
    List<double[]> x = new ArrayList<>();
    List<double[]> y = new ArrayList<>();
    for (int i = 0; i < source.frameTimesSec().length; i++) {
      if (use.test(i) && MouthRange.valid(source.params()[i])) {
        x.add(source.audio().melContext(source.frameTimesSec()[i], config.contextOffsetsMs()));
        y.add(source.params()[i]);
      }
    }
    if (x.size() < 2) {
      return null;
    }
    Ridge ridge = Ridge.fit(x.toArray(double[][]::new), y.toArray(double[][]::new), config.ridgeLambda());
    return new AdaptedModel(ridge, source.closedParams(), config);
  }

  /** Fits on every measured frame of the source. */
  public static AdaptedModel fit(SourceSpeech source, MotionConfig config) {
    return fit(source, i -> true, config);
  }

  @Override
  public String name() {
    return "adapted";
  }

  @Override
  public MouthTrajectory predict(AudioFeatures audio, double[] frameTimesSec) {
    double[][] raw = new double[frameTimesSec.length][];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = ridge.apply(audio.melContext(frameTimesSec[i], offsetsMs));
    }
    return shaper.shape(raw, frameTimesSec, audio, VoiceActivity.of(audio), closed);
  }
}
