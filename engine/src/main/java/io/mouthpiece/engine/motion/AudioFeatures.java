package io.mouthpiece.engine.motion;

import io.mouthpiece.engine.media.PcmAudio;

/**
 * What the mouth can be predicted from, read off a piece of speech. In: PCM at any rate and
 * channel count (mixed to mono, resampled to 16 kHz). Out: one vector every {@link #HOP_SEC}
 * (10 ms), from a 25 ms Hann window centred on the frame's time: 40 log-mel bands (60–7600 Hz),
 * log energy, speech-band (300–3000 Hz) level in dB, spectral flux, voicing, and the share of the
 * energy in the F1 (250–900 Hz), F2 (900–2500 Hz) and fricative (2.5–8 kHz) regions.
 * Everything is indexed by time in seconds from the audio's first sample, never by a video frame
 * rate. Frame k is centred at {@code k * HOP_SEC}; times before the start or after the end read
 * the first or last frame.
 */
public final class AudioFeatures {
  public static final int SAMPLE_RATE = 16_000;
  public static final double HOP_SEC = 0.010;
  public static final double WINDOW_SEC = 0.025;
  public static final int MEL_BANDS = 40;

  /** Index of each feature in a frame vector. */
  public static final int MEL = 0;
  public static final int LOG_ENERGY = MEL + MEL_BANDS;
  public static final int SPEECH_DB = LOG_ENERGY + 1;
  public static final int FLUX = SPEECH_DB + 1;
  public static final int VOICING = FLUX + 1;
  public static final int F1_SHARE = VOICING + 1;
  public static final int F2_SHARE = F1_SHARE + 1;
  public static final int FRICATIVE_SHARE = F2_SHARE + 1;
  public static final int COUNT = FRICATIVE_SHARE + 1;

  private static final int HOP = 160;
  private static final int WINDOW = 400;
  private static final int FFT = 512;
  private static final double FLOOR = 1e-10;

  private final float[][] frames;
  private final double durationSec;
  /** Mean and standard deviation of each feature over this audio, for {@link #context}. */
  private final double[] mean = new double[COUNT];
  private final double[] std = new double[COUNT];

  private AudioFeatures(float[][] frames, double durationSec) {
    this.frames = frames;
    this.durationSec = durationSec;
    for (int f = 0; f < COUNT; f++) {
      double sum = 0;
      double sumSq = 0;
      for (float[] v : frames) {
        sum += v[f];
        sumSq += (double) v[f] * v[f];
      }
      int n = Math.max(1, frames.length);
      mean[f] = sum / n;
      std[f] = Math.sqrt(Math.max(0, sumSq / n - mean[f] * mean[f])) + 1e-6;
    }
  }

  /** The features of a piece of audio. */
  public static AudioFeatures of(PcmAudio audio) {
    return ofMono16k(Resampler.mono(audio, SAMPLE_RATE));
  }

  static AudioFeatures ofMono16k(float[] x) {
    int count = x.length / HOP + 1;
    float[][] frames = new float[count][];
    Spectrum spectrum = new Spectrum(FFT, WINDOW);
    double[][] mel = MelBank.triangles(MEL_BANDS, FFT, SAMPLE_RATE, 60, 7600);
    double[] power = new double[spectrum.bins()];
    double[] previousMel = null;
    double hzPerBin = (double) SAMPLE_RATE / FFT;
    for (int k = 0; k < count; k++) {
      int start = k * HOP - WINDOW / 2;
      spectrum.power(x, start, power);
      float[] v = new float[COUNT];
      double[] logMel = new double[MEL_BANDS];
      for (int b = 0; b < MEL_BANDS; b++) {
        double e = 0;
        for (int i = 0; i < power.length; i++) {
          e += mel[b][i] * power[i];
        }
        logMel[b] = Math.log(e + FLOOR);
        v[MEL + b] = (float) logMel[b];
      }
      double total = band(power, hzPerBin, 0, SAMPLE_RATE / 2.0 + 1) + FLOOR;
      v[LOG_ENERGY] = (float) Math.log(total);
      v[SPEECH_DB] = (float) (10 * Math.log10(band(power, hzPerBin, 300, 3000) + FLOOR));
      double flux = 0;
      if (previousMel != null) {
        for (int b = 0; b < MEL_BANDS; b++) {
          flux += Math.max(0, logMel[b] - previousMel[b]);
        }
      }
      previousMel = logMel;
      v[FLUX] = (float) flux;
      v[VOICING] = (float) voicing(x, start);
      v[F1_SHARE] = (float) Math.log((band(power, hzPerBin, 250, 900) + FLOOR) / total);
      v[F2_SHARE] = (float) Math.log((band(power, hzPerBin, 900, 2500) + FLOOR) / total);
      v[FRICATIVE_SHARE] = (float) Math.log((band(power, hzPerBin, 2500, 8001) + FLOOR) / total);
      frames[k] = v;
    }
    return new AudioFeatures(frames, x.length / (double) SAMPLE_RATE);
  }

  /** Sum of the bins whose centre frequency lies in [loHz, hiHz). */
  private static double band(double[] power, double hzPerBin, double loHz, double hiHz) {
    double sum = 0;
    for (int i = (int) Math.ceil(loHz / hzPerBin); i < power.length && i * hzPerBin < hiHz; i++) {
      sum += power[i];
    }
    return sum;
  }

  /** The normalised autocorrelation's highest peak at pitch lags (60–400 Hz): near 1 voiced, low unvoiced. */
  private static double voicing(float[] x, int start) {
    int minLag = SAMPLE_RATE / 400;
    int maxLag = SAMPLE_RATE / 60;
    // The window once, centred, in a plain array: the lag loop below is the hot spot of the features.
    double[] w = new double[WINDOW];
    double mean = 0;
    for (int i = 0; i < WINDOW; i++) {
      w[i] = sample(x, start + i);
      mean += w[i];
    }
    mean /= WINDOW;
    double energy = 0;
    for (int i = 0; i < WINDOW; i++) {
      w[i] -= mean;
      energy += w[i] * w[i];
    }
    if (energy < 1e-9) {
      return 0;
    }
    double best = 0;
    for (int lag = minLag; lag <= maxLag; lag += 2) {
      double sum = 0;
      for (int i = 0, n = WINDOW - lag; i < n; i++) {
        sum += w[i] * w[i + lag];
      }
      best = Math.max(best, sum / energy);
    }
    return best;
  }

  private static double sample(float[] x, int i) {
    return i >= 0 && i < x.length ? x[i] : 0;
  }

  /**
   * Features computed before and kept (an analysis cache's entry): the frames as {@link #frame}
   * gave them, each {@link #COUNT} long, and the audio's length. The same numbers give the same
   * features, bit for bit: the statistics are computed from them as {@link #of} computes them.
   */
  public static AudioFeatures ofFrames(float[][] frames, double durationSec) {
    float[][] copy = new float[frames.length][];
    for (int k = 0; k < frames.length; k++) {
      if (frames[k].length != COUNT) {
        throw new IllegalArgumentException("frame " + k + ": " + frames[k].length + " features, not " + COUNT);
      }
      copy[k] = frames[k].clone();
    }
    return new AudioFeatures(copy, durationSec);
  }

  /** Frame k's features (indices {@link #MEL} .. {@link #COUNT}); a copy. */
  public float[] frame(int k) {
    return frames[k].clone();
  }

  /** How many 10 ms frames. */
  public int frameCount() {
    return frames.length;
  }

  public double durationSec() {
    return durationSec;
  }

  /** The frame nearest a time; the first or last frame outside the audio. */
  public int frameAt(double timeSec) {
    long k = Math.round(timeSec / HOP_SEC);
    return (int) Math.max(0, Math.min(frames.length - 1, k));
  }

  /** The time frame k is centred on. */
  public static double timeOf(int frame) {
    return frame * HOP_SEC;
  }

  /** All features of the frame nearest {@code timeSec} (indices {@link #MEL} .. {@link #COUNT}); a copy. */
  public float[] at(double timeSec) {
    return frames[frameAt(timeSec)].clone();
  }

  /** One feature of the frame nearest {@code timeSec}. */
  public double feature(double timeSec, int index) {
    return frames[frameAt(timeSec)][index];
  }

  /**
   * The features {@code [from, to)} of the frames at {@code timeSec + offsetMs[i]}, each
   * standardised over this audio (mean 0, deviation 1: loudness and microphone fall out), one
   * after the other. Positive offsets look ahead: the lips move about 100 ms before the sound.
   */
  public double[] context(double timeSec, int[] offsetsMs, int from, int to) {
    int width = to - from;
    double[] out = new double[offsetsMs.length * width];
    for (int o = 0; o < offsetsMs.length; o++) {
      float[] v = frames[frameAt(timeSec + offsetsMs[o] / 1000.0)];
      for (int f = 0; f < width; f++) {
        out[o * width + f] = (v[from + f] - mean[from + f]) / std[from + f];
      }
    }
    return out;
  }

  /** The standardised log-mel bands at the given offsets around a time (the models' input). */
  public double[] melContext(double timeSec, int[] offsetsMs) {
    return context(timeSec, offsetsMs, MEL, MEL + MEL_BANDS);
  }

  /** A copy holding the frames from {@code startSec} (inclusive) on, re-timed to start at 0. */
  public AudioFeatures from(double startSec) {
    int first = frameAt(startSec);
    float[][] rest = java.util.Arrays.copyOfRange(frames, first, frames.length);
    return new AudioFeatures(rest, Math.max(0, durationSec - timeOf(first)));
  }
}
