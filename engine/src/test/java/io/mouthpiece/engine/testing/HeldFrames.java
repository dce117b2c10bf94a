package io.mouthpiece.engine.testing;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;

import io.mouthpiece.engine.media.Rational;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;

/**
 * A clip's picture as a function of time, for re-timing test media onto a constant frame rate:
 * {@link #at} gives the BGR frame on screen at a time, that is the last one whose timestamp is at or
 * before it (the first one before the clip starts, the last one after it ends). This is how a
 * player, and FFmpeg's {@code fps} filter, turn a variable or different rate into a fixed one.
 * Times must not go backwards. Decoded with JavaCV's grabber, not the engine's reader.
 */
final class HeldFrames implements AutoCloseable {
  private final FFmpegFrameGrabber grabber;
  private final long startUs;
  private final Rational nominalRate;
  private final long endUs;
  private Frame held;
  private Frame next;

  HeldFrames(Path clip) throws FFmpegFrameGrabber.Exception {
    this(clip, 0);
  }

  /**
   * Frames scaled (bilinear) to {@code height} as they are converted to BGR, the width keeping
   * the aspect ratio rounded to even like FFmpeg's {@code scale=-2:height}; 0 keeps the clip's
   * size. One pass instead of a separate scale filter: the cheapest way to resize.
   */
  HeldFrames(Path clip, int height) throws FFmpegFrameGrabber.Exception {
    grabber = new FFmpegFrameGrabber(clip.toFile());
    grabber.setPixelFormat(AV_PIX_FMT_BGR24);
    grabber.start();
    if (height > 0) {
      int width = (int) Math.round(grabber.getImageWidth() * (double) height / grabber.getImageHeight() / 2) * 2;
      grabber.setImageWidth(width);
      grabber.setImageHeight(height);
    }
    long start = grabber.getFormatContext().start_time();
    startUs = start == AV_NOPTS_VALUE ? 0 : start;
    AVStream video = videoStream(grabber.getFormatContext());
    AVRational rate = video.r_frame_rate();
    nominalRate = new Rational(rate.num(), rate.den());
    AVRational tb = video.time_base();
    endUs = video.duration() > 0 && video.start_time() != AV_NOPTS_VALUE
        ? (video.start_time() + video.duration()) * 1_000_000L * tb.num() / tb.den() - startUs
        : grabber.getFormatContext().duration();
    next = grabber.grabImage();
    if (next == null) {
      throw new FFmpegFrameGrabber.Exception("no video frames in " + clip);
    }
    take();
  }

  /** The stream's nominal rate (r_frame_rate): what a re-timed copy should run at. */
  Rational nominalRate() {
    return nominalRate;
  }

  /** When the last frame stops showing: the video stream's end, from the clip's start. */
  long endUs() {
    return endUs;
  }

  int width() {
    return grabber.getImageWidth();
  }

  int height() {
    return grabber.getImageHeight();
  }

  /** The frame on screen at {@code timeUs} from the clip's start; valid until the next call. */
  Frame at(long timeUs) throws FFmpegFrameGrabber.Exception {
    while (next != null && next.timestamp - startUs <= timeUs) {
      take();
    }
    return held;
  }

  /**
   * A filter graph from the BGR frames of {@code inputs} to BGR frames, at {@code fps}. With
   * several inputs JavaCV labels them [0:v], [1:v]... and the output must be labelled [v]. JavaCV
   * restamps each input {@code setpts=N}, so push exactly one frame per input per output frame.
   */
  static FFmpegFrameFilter filter(String graph, Rational fps, HeldFrames... inputs) throws FrameFilter.Exception {
    FFmpegFrameFilter filter = new FFmpegFrameFilter(graph, inputs[0].width(), inputs[0].height());
    filter.setPixelFormat(AV_PIX_FMT_BGR24);
    filter.setFrameRate(fps.toDouble());
    filter.setVideoInputs(inputs.length);
    String[] args = new String[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      args[i] = String.format(Locale.ROOT, "video_size=%dx%d:pix_fmt=%d:time_base=%d/%d:pixel_aspect=1/1:frame_rate=%d/%d",
          inputs[i].width(), inputs[i].height(), AV_PIX_FMT_BGR24, fps.den(), fps.num(), fps.num(), fps.den());
    }
    filter.setVideoFilterArgs(args);
    filter.start();
    return filter;
  }

  private static AVStream videoStream(AVFormatContext format) throws FFmpegFrameGrabber.Exception {
    for (int i = 0; i < format.nb_streams(); i++) {
      if (format.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
        return format.streams(i);
      }
    }
    throw new FFmpegFrameGrabber.Exception("no video stream");
  }

  /** Copies the grabber's frame (its buffer is reused by the next grab) and grabs the one after. */
  private void take() throws FFmpegFrameGrabber.Exception {
    if (held == null || held.imageStride != next.imageStride || held.imageHeight != next.imageHeight) {
      if (held != null) {
        held.close();
      }
      held = new Frame(next.imageWidth, next.imageHeight, Frame.DEPTH_UBYTE, 3, next.imageStride);
    }
    ByteBuffer src = ((ByteBuffer) next.image[0]).duplicate();
    src.position(0).limit(next.imageHeight * next.imageStride);
    ((ByteBuffer) held.image[0]).clear().put(src).flip();
    held.timestamp = next.timestamp - startUs;
    next = grabber.grabImage();
  }

  @Override
  public void close() {
    if (held != null) {
      held.close();
    }
    try {
      grabber.close();
    } catch (Exception ignored) {
      // Reading is over; nothing was written.
    }
  }
}
