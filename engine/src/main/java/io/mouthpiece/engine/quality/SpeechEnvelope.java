package io.mouthpiece.engine.quality;

import io.mouthpiece.engine.media.PcmAudio;

/**
 * How loud the speech is at any moment. In: PCM audio at any rate and channel count (mixed to
 * mono). Out: for any time in seconds, the log energy (dB re full scale) of the audio
 * band-limited to 300-3000 Hz in a window centred on that time, ~40 ms by default. Time 0 is the
 * audio's first sample. Outside the audio there is silence: {@link #FLOOR_DB}.
 *
 * <p>The band keeps what the mouth shapes (voice formants, fricatives' lower part) and drops
 * mains hum, rumble and hiss, which move no lips. Filtering runs forwards then backwards, so the
 * envelope has no delay: this is a timing measure.
 */
public final class SpeechEnvelope {
  public static final double LOW_HZ = 300;
  public static final double HIGH_HZ = 3000;
  /** About one video frame either side: short enough to follow syllables. */
  public static final double WINDOW_SEC = 0.040;
  /** Digital silence and anything quieter: -100 dB re full scale. */
  public static final double FLOOR_DB = -100;
  private static final double FLOOR_POWER = 1e-10;

  /** Energy is summed into 1 ms bins: exact enough for 10 ms lags, and small for hours of audio. */
  private static final double BIN_SEC = 0.001;

  private final double windowSec;
  private final double durationSec;
  /** cumulativeEnergy[k]: the sum of squared band-passed samples before k ms. */
  private final double[] cumulativeEnergy;
  private final double sampleRate;

  private SpeechEnvelope(double windowSec, double durationSec, double[] cumulativeEnergy, double sampleRate) {
    this.windowSec = windowSec;
    this.durationSec = durationSec;
    this.cumulativeEnergy = cumulativeEnergy;
    this.sampleRate = sampleRate;
  }

  /** The envelope of this audio with the ~40 ms window. */
  public static SpeechEnvelope of(PcmAudio audio) {
    return of(audio, WINDOW_SEC);
  }

  /** The envelope of this audio with a window of {@code windowSec}. */
  public static SpeechEnvelope of(PcmAudio audio, double windowSec) {
    if (!(windowSec >= 2 * BIN_SEC)) {
      throw new IllegalArgumentException("windowSec: must be at least 2 ms, got " + windowSec);
    }
    int rate = audio.sampleRate();
    float[] x = mono(audio);
    bandPass(x, rate);
    double durationSec = x.length / (double) rate;
    double[] cumulative = new double[(int) Math.ceil(durationSec / BIN_SEC) + 1];
    double sum = 0;
    int sample = 0;
    for (int k = 1; k < cumulative.length; k++) {
      int end = (int) Math.min(x.length, Math.round(k * BIN_SEC * rate));
      for (; sample < end; sample++) {
        sum += (double) x[sample] * x[sample];
      }
      cumulative[k] = sum;
    }
    return new SpeechEnvelope(windowSec, durationSec, cumulative, rate);
  }

  /** The audio's length in seconds. */
  public double durationSec() {
    return durationSec;
  }

  /** Band energy in dB of the window centred on {@code timeSec}; the part outside the audio counts as silence. */
  public double energyDb(double timeSec) {
    double energy = energyBefore(timeSec + windowSec / 2) - energyBefore(timeSec - windowSec / 2);
    // Never below 0: the difference of two large sums can come out a hair negative in silence.
    double power = Math.max(0, energy) / (windowSec * sampleRate);
    return 10 * Math.log10(Math.max(FLOOR_POWER, power));
  }

  /** The energy of the samples before a time, read between the 1 ms bins linearly. */
  private double energyBefore(double timeSec) {
    double k = Math.max(0, Math.min(cumulativeEnergy.length - 1, timeSec / BIN_SEC));
    int below = (int) Math.floor(k);
    if (below >= cumulativeEnergy.length - 1) {
      return cumulativeEnergy[cumulativeEnergy.length - 1];
    }
    return cumulativeEnergy[below] + (k - below) * (cumulativeEnergy[below + 1] - cumulativeEnergy[below]);
  }

  /** {@link #energyDb(double)} at each time. */
  public double[] energyDb(double[] timesSec) {
    return energyDb(timesSec, 0);
  }

  /** {@link #energyDb(double)} at each time plus {@code shiftSec}: the envelope read ahead or behind. */
  public double[] energyDb(double[] timesSec, double shiftSec) {
    double[] out = new double[timesSec.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = energyDb(timesSec[i] + shiftSec);
    }
    return out;
  }

  private static float[] mono(PcmAudio audio) {
    int channels = audio.channels();
    float[] s = audio.samples();
    float[] mono = new float[audio.frames()];
    for (int i = 0; i < mono.length; i++) {
      double sum = 0;
      for (int c = 0; c < channels; c++) {
        sum += s[i * channels + c];
      }
      mono[i] = (float) (sum / channels);
    }
    return mono;
  }

  /**
   * Two second-order Butterworth high-passes at 300 Hz and two low-passes at 3000 Hz (or just
   * below Nyquist for low rates), run forwards then backwards: zero phase, 8th-order slopes.
   */
  private static void bandPass(float[] x, int sampleRate) {
    double high = Math.min(HIGH_HZ, 0.45 * sampleRate);
    Biquad[] stages = {
      Biquad.highPass(LOW_HZ, sampleRate), Biquad.highPass(LOW_HZ, sampleRate),
      Biquad.lowPass(high, sampleRate), Biquad.lowPass(high, sampleRate)};
    for (Biquad stage : stages) {
      stage.run(x, false);
    }
    for (Biquad stage : stages) {
      stage.run(x, true);
    }
  }

  /** A second-order section (RBJ audio EQ cookbook, Q = 1/sqrt 2: Butterworth). */
  private record Biquad(double b0, double b1, double b2, double a1, double a2) {
    static Biquad lowPass(double hz, int rate) {
      double w = 2 * Math.PI * hz / rate;
      double alpha = Math.sin(w) / (2 * Math.sqrt(0.5));
      double cos = Math.cos(w);
      double a0 = 1 + alpha;
      return new Biquad((1 - cos) / 2 / a0, (1 - cos) / a0, (1 - cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
    }

    static Biquad highPass(double hz, int rate) {
      double w = 2 * Math.PI * hz / rate;
      double alpha = Math.sin(w) / (2 * Math.sqrt(0.5));
      double cos = Math.cos(w);
      double a0 = 1 + alpha;
      return new Biquad((1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
    }

    /** Filters in place (state in double precision), from the end backwards when {@code reverse}. */
    void run(float[] x, boolean reverse) {
      double x1 = 0;
      double x2 = 0;
      double y1 = 0;
      double y2 = 0;
      for (int k = 0; k < x.length; k++) {
        int i = reverse ? x.length - 1 - k : k;
        double y = b0 * x[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
        x2 = x1;
        x1 = x[i];
        y2 = y1;
        y1 = y;
        x[i] = (float) y;
      }
    }
  }
}
