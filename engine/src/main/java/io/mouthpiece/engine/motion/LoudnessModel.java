package io.mouthpiece.engine.motion;

import io.mouthpiece.engine.mouth.MouthParams;
import java.util.Arrays;

/**
 * The baseline: the simplest engine, opening the mouth by loudness alone. The speech-band level
 * (mean over ±20 ms of the output time) is mapped linearly from its 5th..95th percentile over the
 * audio's speech frames to the speaker's closed..95th-percentile aperture; width and jaw stay at
 * the speaker's median. Then the usual smoothing and closing of pauses.
 */
public final class LoudnessModel implements MotionModel {
  private static final double HALF_WINDOW_SEC = 0.020;

  private final MouthRange range;
  private final TrajectoryShaper shaper;

  public LoudnessModel(MouthRange range, MotionConfig config) {
    this.range = range;
    this.shaper = new TrajectoryShaper(config);
  }

  @Override
  public String name() {
    return "loudness";
  }

  @Override
  public MouthTrajectory predict(AudioFeatures audio, double[] frameTimesSec) {
    VoiceActivity voice = VoiceActivity.of(audio);
    double[] speechLevels = new double[audio.frameCount()];
    int n = 0;
    for (int k = 0; k < audio.frameCount(); k++) {
      double t = AudioFeatures.timeOf(k);
      if (voice.isSpeech(t)) {
        speechLevels[n++] = audio.feature(t, AudioFeatures.SPEECH_DB);
      }
    }
    double[] sorted = Arrays.copyOf(speechLevels, n);
    Arrays.sort(sorted);
    double lo = n == 0 ? 0 : VoiceActivity.percentile(sorted, 0.05);
    double hi = n == 0 ? 1 : Math.max(lo + 1, VoiceActivity.percentile(sorted, 0.95));
    double closedAperture = range.closed()[MouthParams.APERTURE];
    double openAperture = Math.max(closedAperture, range.p95()[MouthParams.APERTURE]);
    double[][] raw = new double[frameTimesSec.length][];
    for (int i = 0; i < raw.length; i++) {
      double level = level(audio, frameTimesSec[i]);
      double u = Math.max(0, Math.min(1, (level - lo) / (hi - lo)));
      double[] row = range.median().clone();
      row[MouthParams.APERTURE] = closedAperture + u * (openAperture - closedAperture);
      raw[i] = row;
    }
    return shaper.shape(raw, frameTimesSec, audio, voice, range.closed());
  }

  private static double level(AudioFeatures audio, double timeSec) {
    int from = audio.frameAt(timeSec - HALF_WINDOW_SEC);
    int to = audio.frameAt(timeSec + HALF_WINDOW_SEC);
    double sum = 0;
    for (int k = from; k <= to; k++) {
      sum += audio.feature(AudioFeatures.timeOf(k), AudioFeatures.SPEECH_DB);
    }
    return sum / (to - from + 1);
  }
}
