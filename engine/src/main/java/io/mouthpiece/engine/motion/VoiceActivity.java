package io.mouthpiece.engine.motion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Speech or silence for each 10 ms frame of an {@link AudioFeatures}. A frame is speech when its
 * speech-band level (300–3000 Hz) stands out from this audio's own levels: above both
 * {@code speech - 30 dB} and {@code floor + 40% of (speech - floor)}, where speech is the 95th
 * percentile of the frame levels and floor the 10th; and never below an absolute
 * {@value #ABSOLUTE_FLOOR_DB} dB (digital silence). Speech frames are extended by a hangover of
 * {@value #HANGOVER_MS} ms on each side, so the gaps inside a word do not count as pauses.
 */
public final class VoiceActivity {
  static final double ABSOLUTE_FLOOR_DB = -55;
  static final int HANGOVER_MS = 50;
  private static final double MAX_DROP_DB = 30;
  private static final double FLOOR_SHARE = 0.4;

  private final boolean[] speech;
  private final double thresholdDb;

  private VoiceActivity(boolean[] speech, double thresholdDb) {
    this.speech = speech;
    this.thresholdDb = thresholdDb;
  }

  /** Speech and silence of this audio. */
  public static VoiceActivity of(AudioFeatures audio) {
    int n = audio.frameCount();
    double[] level = new double[n];
    for (int k = 0; k < n; k++) {
      level[k] = audio.feature(AudioFeatures.timeOf(k), AudioFeatures.SPEECH_DB);
    }
    double[] sorted = level.clone();
    Arrays.sort(sorted);
    double loud = percentile(sorted, 0.95);
    double floor = percentile(sorted, 0.10);
    double threshold = Math.max(ABSOLUTE_FLOOR_DB, Math.max(loud - MAX_DROP_DB, floor + FLOOR_SHARE * (loud - floor)));
    boolean[] raw = new boolean[n];
    for (int k = 0; k < n; k++) {
      raw[k] = level[k] > threshold;
    }
    int hang = (int) Math.round(HANGOVER_MS / 1000.0 / AudioFeatures.HOP_SEC);
    boolean[] speech = new boolean[n];
    for (int k = 0; k < n; k++) {
      if (raw[k]) {
        Arrays.fill(speech, Math.max(0, k - hang), Math.min(n, k + hang + 1), true);
      }
    }
    return new VoiceActivity(speech, threshold);
  }

  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
  }

  /** Whether the 10 ms frame nearest this time is speech. */
  public boolean isSpeech(double timeSec) {
    if (speech.length == 0) {
      return false;
    }
    long k = Math.max(0, Math.min(speech.length - 1, Math.round(timeSec / AudioFeatures.HOP_SEC)));
    return speech[(int) k];
  }

  /** Seconds of speech in the whole audio. */
  public double speechSec() {
    int count = 0;
    for (boolean s : speech) {
      count += s ? 1 : 0;
    }
    return count * AudioFeatures.HOP_SEC;
  }

  /** The speech-band level (dB) a frame had to exceed. */
  public double thresholdDb() {
    return thresholdDb;
  }

  /**
   * The silent stretches lasting at least {@code minSec}, as {startSec, endSec}, in time order.
   * A silence starts half a hop before its first silent frame's centre and ends half a hop after
   * its last (the audio's start and end bound the first and last).
   */
  public List<double[]> silences(double minSec) {
    List<double[]> out = new ArrayList<>();
    int k = 0;
    while (k < speech.length) {
      if (speech[k]) {
        k++;
        continue;
      }
      int end = k;
      while (end < speech.length && !speech[end]) {
        end++;
      }
      double startSec = Math.max(0, (k - 0.5) * AudioFeatures.HOP_SEC);
      double endSec = (end - 0.5) * AudioFeatures.HOP_SEC;
      if (endSec - startSec >= minSec - 1e-9) {
        out.add(new double[] {startSec, endSec});
      }
      k = end;
    }
    return out;
  }
}
