package io.mouthpiece.engine.media;

import java.util.Arrays;

/**
 * A look-ahead peak limiter over a stream: the output never exceeds {@code ceiling} in absolute
 * value, and audio already under it passes unchanged, bit for bit. Every channel of a frame gets
 * the same gain, so the stereo image does not wander.
 *
 * <p>How: each frame needs the gain {@code ceiling / peak} (or 1). The gain applied to frame i is
 * the smallest need among frames i..i+L-1 (the look-ahead, L frames), released towards 1 with a
 * one-pole curve (time constant {@code releaseMs}, snapping to exactly 1 when within 1e-4 of it),
 * then averaged over the last L frames. The average turns every drop into a
 * linear ramp of L frames that ends exactly where the peak arrives, so the gain never moves by
 * more than 1/L per frame. Output frame i is ready once frame i+L-1 is read; the stream still
 * starts at frame 0 and has the source's exact length.
 */
public final class Limiter implements AudioStream {
  /** About -0.2 dBFS: room for the AAC encoder's own overshoot. */
  public static final double DEFAULT_CEILING = 0.98;
  public static final double DEFAULT_LOOK_AHEAD_MS = 5;
  public static final double DEFAULT_RELEASE_MS = 100;

  // A hair below the ceiling so float rounding of gain × sample never lands above it.
  private static final double CEILING_MARGIN = 1 - 1e-6;
  // Closer to 1 than this (-0.0009 dB), release snaps to exactly 1, so audio is bit-exact again
  // within a second of the loudest limiting rather than creeping towards 1 for ever.
  private static final double UNITY_SNAP = 1e-4;
  private static final int BLOCK_FRAMES = 1024;

  private final AudioStream source;
  private final int channels;
  private final double ceiling;
  private final int lookAheadFrames;
  private final double releasePerFrame;

  private final float[] sourceBlock;
  private int sourcePos;
  private int sourceFrames;
  private boolean sourceEnded;
  private long sourceLength = Long.MAX_VALUE;

  // Frames i..i+L-1 of the input and the gain each needs, at slot (frame % L).
  private final float[] pending;
  private final double[] needs;
  private long framesIn;
  private long framesOut;

  // Monotonic queue of (frame, needed gain): the sliding minimum over the look-ahead.
  private final long[] minFrames;
  private final double[] minGains;
  private int minHead;
  private int minSize;

  // The last L released gains, their sum, and how many of them are below 1.
  private final double[] released;
  private double releasedSum;
  private int releasedBelowOne;
  private double lastReleased = 1.0;

  public Limiter(AudioStream source) {
    this(source, DEFAULT_CEILING, DEFAULT_LOOK_AHEAD_MS, DEFAULT_RELEASE_MS);
  }

  public Limiter(AudioStream source, double ceiling, double lookAheadMs, double releaseMs) {
    if (!(ceiling > 0) || !(lookAheadMs >= 0) || !(releaseMs > 0)) {
      throw new IllegalArgumentException(
          "bad limiter settings: ceiling " + ceiling + ", look-ahead " + lookAheadMs + " ms, release " + releaseMs + " ms");
    }
    this.source = source;
    this.channels = source.channels();
    this.ceiling = ceiling;
    this.lookAheadFrames = Math.max(1, (int) Math.round(lookAheadMs * source.sampleRate() / 1000.0));
    this.releasePerFrame = 1 - Math.exp(-1000.0 / (releaseMs * source.sampleRate()));
    this.sourceBlock = new float[BLOCK_FRAMES * channels];
    this.pending = new float[lookAheadFrames * channels];
    this.needs = new double[lookAheadFrames];
    this.minFrames = new long[lookAheadFrames + 1];
    this.minGains = new double[lookAheadFrames + 1];
    this.released = new double[lookAheadFrames];
    Arrays.fill(released, 1.0);
    this.releasedSum = lookAheadFrames;
  }

  /** The look-ahead in sample frames: the length of every gain ramp. */
  public int lookAheadFrames() {
    return lookAheadFrames;
  }

  @Override
  public int sampleRate() {
    return source.sampleRate();
  }

  @Override
  public int channels() {
    return channels;
  }

  @Override
  public int read(float[] dst, int maxFrames) throws MediaException {
    int done = 0;
    while (done < maxFrames && framesOut < sourceLength) {
      // Output frame i needs input up to i+L-1; after the source ends, silence stands in.
      while (framesIn < framesOut + lookAheadFrames) {
        push();
      }
      if (framesOut >= sourceLength) {
        break;
      }
      emit(dst, done);
      done++;
    }
    return done;
  }

  private void push() throws MediaException {
    int slot = (int) (framesIn % lookAheadFrames) * channels;
    float peak = 0;
    if (nextSourceFrame()) {
      int from = sourcePos * channels;
      for (int c = 0; c < channels; c++) {
        float x = sourceBlock[from + c];
        pending[slot + c] = x;
        peak = Math.max(peak, Math.abs(x));
      }
      sourcePos++;
    } else {
      Arrays.fill(pending, slot, slot + channels, 0f);
    }
    double need = peak > ceiling ? ceiling * CEILING_MARGIN / peak : 1.0;
    needs[(int) (framesIn % lookAheadFrames)] = need;
    while (minSize > 0 && minGains[(minHead + minSize - 1) % minGains.length] >= need) {
      minSize--;
    }
    int tail = (minHead + minSize) % minGains.length;
    minFrames[tail] = framesIn;
    minGains[tail] = need;
    minSize++;
    framesIn++;
  }

  private boolean nextSourceFrame() throws MediaException {
    if (sourcePos < sourceFrames) {
      return true;
    }
    if (sourceEnded) {
      return false;
    }
    sourceFrames = source.read(sourceBlock, BLOCK_FRAMES);
    sourcePos = 0;
    if (sourceFrames == 0) {
      sourceEnded = true;
      sourceLength = framesIn;
      return false;
    }
    return true;
  }

  private void emit(float[] dst, int dstFrame) {
    long i = framesOut;
    if (i == 0) {
      primeHead();
    }
    while (minFrames[minHead] < i) {
      minHead = (minHead + 1) % minGains.length;
      minSize--;
    }
    double held = minGains[minHead];
    double rel = lastReleased + (1 - lastReleased) * releasePerFrame;
    rel = Math.min(held, 1 - rel < UNITY_SNAP ? 1.0 : rel);
    lastReleased = rel;

    int ringSlot = (int) (i % lookAheadFrames);
    double old = released[ringSlot];
    released[ringSlot] = rel;
    releasedSum += rel - old;
    releasedBelowOne += (rel < 1 ? 1 : 0) - (old < 1 ? 1 : 0);
    double gain;
    if (releasedBelowOne == 0) {
      gain = 1.0;
      releasedSum = lookAheadFrames; // drop the rounding the running sum has gathered
    } else {
      gain = releasedSum / lookAheadFrames;
    }

    int slot = ringSlot * channels;
    int out = dstFrame * channels;
    for (int c = 0; c < channels; c++) {
      dst[out + c] = gain == 1.0 ? pending[slot + c] : (float) (pending[slot + c] * gain);
    }
    framesOut++;
  }

  /**
   * Gives the L-1 frames before the start the gains they would have had (each the smallest need
   * of the real frames its look-ahead reaches), so a peak in the first L frames is ramped to as
   * well and not let through.
   */
  private void primeHead() {
    double prefixMin = 1.0;
    releasedSum = 1.0; // the slot of frame 0, written by emit
    releasedBelowOne = 0;
    for (int k = 1; k < lookAheadFrames; k++) {
      prefixMin = Math.min(prefixMin, needs[k - 1]);
      released[k] = prefixMin;
      releasedSum += prefixMin;
      releasedBelowOne += prefixMin < 1 ? 1 : 0;
    }
    released[0] = 1.0;
    lastReleased = released[lookAheadFrames - 1];
  }

  @Override
  public void close() {
    source.close();
  }
}
