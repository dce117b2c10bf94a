package io.mouthpiece.engine.media;

import java.util.Arrays;
import java.util.List;

/**
 * The unlimited sum behind {@link AudioPlan#mix}: block by block, the original scaled by its gain,
 * plus each piece's samples where the piece lies on the timeline. Time in ms becomes a sample
 * frame by rounding {@code ms × sampleRate / 1000}, for piece bounds and insert time alike.
 */
final class PlanMixer implements AudioStream {
  private static final int MAX_BLOCK_FRAMES = 4096;

  /**
   * A piece in sample frames: {@code length} frames of {@code audio} from {@code from}, placed at
   * {@code at}, its last {@code fade} frames ramping down.
   */
  private record Placed(PcmAudio audio, int from, int length, long at, double gain, int fade) {}

  private final AudioStream original;
  private final double originalGain;
  private final List<Placed> placed;
  private final long totalFrames;
  private final int sampleRate;
  private final int channels;
  private final float[] originalBlock;
  private final float[] originalScratch;
  private boolean originalEnded;
  private long position;

  PlanMixer(AudioPlan plan, AudioStream original, long totalFrames, int sampleRate, int channels) {
    this.original = original;
    this.originalGain = plan.originalGain();
    this.totalFrames = totalFrames;
    this.sampleRate = sampleRate;
    this.channels = channels;
    this.originalBlock = original == null ? null : new float[MAX_BLOCK_FRAMES * original.channels()];
    this.originalScratch = original == null ? null : new float[MAX_BLOCK_FRAMES * original.channels()];
    this.originalEnded = original == null;
    this.placed = plan.pieces().stream().map(this::place).toList();
  }

  private Placed place(AudioPiece piece) {
    PcmAudio audio = piece.audio();
    int from = (int) Math.min(frameAt(piece.startMs()), audio.frames());
    int to = (int) Math.min(frameAt(piece.endMs()), audio.frames());
    int fade = (int) Math.min(to - from, frameAt(piece.fadeOutMs()));
    return new Placed(audio, from, to - from, frameAt(piece.insertMs()), piece.gain(), fade);
  }

  private long frameAt(long ms) {
    return Math.round(ms * (double) sampleRate / 1000.0);
  }

  @Override
  public int sampleRate() {
    return sampleRate;
  }

  @Override
  public int channels() {
    return channels;
  }

  @Override
  public int read(float[] dst, int maxFrames) throws MediaException {
    int frames = (int) Math.min(Math.min(maxFrames, MAX_BLOCK_FRAMES), totalFrames - position);
    if (frames <= 0) {
      return 0;
    }
    Arrays.fill(dst, 0, frames * channels, 0f);
    int got = readOriginal(frames);
    if (got > 0) {
      ChannelMap.addScaled(originalBlock, original.channels(), 0, dst, channels, 0, got, originalGain);
    }
    for (Placed p : placed) {
      // The overlap of [at, at + length) with this block's [position, position + frames).
      long start = Math.max(position, p.at());
      long end = Math.min(position + frames, p.at() + p.length());
      // The steady part first, then the fade frame by frame: its gain falls linearly to 0 at the last frame.
      long fadeStart = p.at() + p.length() - p.fade();
      long steadyEnd = Math.min(end, fadeStart);
      if (start < steadyEnd) {
        ChannelMap.addScaled(p.audio().samples(), p.audio().channels(), (int) (p.from() + start - p.at()),
            dst, channels, (int) (start - position), (int) (steadyEnd - start), p.gain());
      }
      for (long f = Math.max(start, fadeStart); f < end; f++) {
        double left = (p.at() + p.length() - 1 - f) / (double) p.fade();
        ChannelMap.addScaled(p.audio().samples(), p.audio().channels(), (int) (p.from() + f - p.at()),
            dst, channels, (int) (f - position), 1, p.gain() * left);
      }
    }
    position += frames;
    return frames;
  }

  /** Fills the original's block with up to {@code frames} frames; fewer only at its end. */
  private int readOriginal(int frames) throws MediaException {
    int ch = original == null ? 0 : original.channels();
    int got = 0;
    while (!originalEnded && got < frames) {
      // A stream writes from index 0 and may return less than asked: gather its reads in order.
      int n = original.read(originalScratch, frames - got);
      if (n == 0) {
        originalEnded = true;
      }
      System.arraycopy(originalScratch, 0, originalBlock, got * ch, n * ch);
      got += n;
    }
    return got;
  }

  @Override
  public void close() {
    if (original != null) {
      original.close();
    }
  }
}
