package io.mouthpiece.engine.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;
import static org.bytedeco.ffmpeg.global.swresample.swr_set_matrix;

import java.nio.FloatBuffer;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts interleaved float PCM to another sample rate and channel count with FFmpeg's
 * resampler, in blocks. Unlike the grabber's built-in conversion it is flushed at the end, so the
 * resampler's last few milliseconds are not lost and the output length matches the input's
 * duration. Channels follow {@link ChannelMap}. Holds native memory: close it.
 */
final class PcmConverter implements AutoCloseable {
  private final int inChannels;
  private final int outChannels;
  private final SwrContext swr;
  private final PointerPointer<FloatPointer> inPlanes = new PointerPointer<>(1);
  private final PointerPointer<FloatPointer> outPlanes = new PointerPointer<>(1);
  private FloatPointer inNative = new FloatPointer(0L);
  private FloatPointer outNative = new FloatPointer(0L);
  private float[] output = new float[0];

  PcmConverter(int inChannels, int inRate, int outChannels, int outRate) throws MediaException {
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    if (inChannels == outChannels && inRate == outRate) {
      swr = null;
      return;
    }
    AVChannelLayout inLayout = new AVChannelLayout();
    AVChannelLayout outLayout = new AVChannelLayout();
    av_channel_layout_default(inLayout, inChannels);
    av_channel_layout_default(outLayout, outChannels);
    SwrContext ctx = new SwrContext(null);
    int err = swr_alloc_set_opts2(ctx, outLayout, AV_SAMPLE_FMT_FLT, outRate, inLayout, AV_SAMPLE_FMT_FLT, inRate, 0, null);
    if (err >= 0) {
      err = swr_set_matrix(ctx, ChannelMap.matrix(inChannels, outChannels), inChannels);
    }
    if (err >= 0) {
      err = swr_init(ctx);
    }
    inLayout.close();
    outLayout.close();
    if (err < 0) {
      swr_free(ctx);
      throw new MediaException("cannot convert audio from " + inChannels + " ch " + inRate + " Hz to "
          + outChannels + " ch " + outRate + " Hz (FFmpeg error " + err + ")");
    }
    swr = ctx;
  }

  /** Interleaved output of the last {@link #convert} or {@link #flush}, valid until the next call. */
  float[] output() {
    return output;
  }

  /** Converts {@code inFrames} interleaved frames from the buffer's position; returns the frames output. */
  int convert(FloatBuffer in, int inFrames) throws MediaException {
    FloatBuffer block = in.duplicate();
    block.limit(block.position() + inFrames * inChannels);
    if (swr == null) {
      ensureOutput(inFrames);
      block.get(output, 0, inFrames * outChannels);
      return inFrames;
    }
    if (inNative.capacity() < (long) inFrames * inChannels) {
      inNative.close();
      inNative = new FloatPointer((long) inFrames * inChannels);
    }
    inNative.position(0).limit(inNative.capacity());
    inNative.asBuffer().put(block);
    inPlanes.put(0, inNative);
    return run(inPlanes, inFrames);
  }

  /** Drains what the resampler still holds; call once after the last block. */
  int flush() throws MediaException {
    return swr == null ? 0 : run(null, 0);
  }

  private int run(PointerPointer<FloatPointer> in, int inFrames) throws MediaException {
    int capacity = swr_get_out_samples(swr, inFrames);
    if (capacity < 0) {
      throw new MediaException("audio conversion failed (FFmpeg error " + capacity + ")");
    }
    if (outNative.capacity() < (long) capacity * outChannels) {
      outNative.close();
      outNative = new FloatPointer(Math.max(1L, (long) capacity * outChannels));
    }
    outPlanes.put(0, outNative);
    int frames = swr_convert(swr, outPlanes, capacity, in, inFrames);
    if (frames < 0) {
      throw new MediaException("audio conversion failed (FFmpeg error " + frames + ")");
    }
    ensureOutput(frames);
    outNative.position(0).get(output, 0, frames * outChannels);
    return frames;
  }

  private void ensureOutput(int frames) {
    if (output.length < frames * outChannels) {
      output = new float[frames * outChannels];
    }
  }

  @Override
  public void close() {
    if (swr != null) {
      swr_free(swr);
    }
    inNative.close();
    outNative.close();
    inPlanes.close();
    outPlanes.close();
  }
}
