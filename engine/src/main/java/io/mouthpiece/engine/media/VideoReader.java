package io.mouthpiece.engine.media;

import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes a video file frame by frame, streaming: in goes a path FFmpeg can read, out come
 * {@link VideoFrame}s (BGR, or I420 for frames mostly passed on to the encoder) in presentation order with their exact timestamps (variable frame rate
 * included). Only the frame being handed out is held, so memory does not grow with length.
 * A file that is not a decodable video fails at {@link #open} with a {@link MediaException}, and
 * so does one cut short whose index survived (which FFmpeg alone would decode up to the cut).
 */
public final class VideoReader implements AutoCloseable {
  static {
    FfmpegLog.quiet();
  }

  private final FFmpegFrameGrabber grabber;
  private final OpenCVFrameConverter.ToMat toMat = new OpenCVFrameConverter.ToMat();
  private final VideoInfo info;
  private final long startUs;
  private final VideoFrame.Layout layout;
  /** Frames in flight: the read-ahead queue's, the one being decoded and the caller's. */
  private final FramePool pool;
  private int nextIndex;
  private long lastTimestampUs = Long.MIN_VALUE;

  private VideoReader(FFmpegFrameGrabber grabber, VideoInfo info, long startUs, VideoFrame.Layout layout) {
    this.grabber = grabber;
    this.info = info;
    this.startUs = startUs;
    this.layout = layout;
    this.pool = layout == VideoFrame.Layout.BGR
        ? new FramePool(info.height(), info.width(), CV_8UC3, 8)
        : new FramePool(info.height() * 3 / 2, info.width(), CV_8UC1, 8);
  }

  /** Opens a video whose frames come as BGR; fails with a user-fit message if it is not one. */
  public static VideoReader open(Path path) throws MediaException {
    return open(path, VideoFrame.Layout.BGR);
  }

  /**
   * Opens a video whose frames come in {@code layout}. I420 needs an even width and height (as
   * H.264 in 4:2:0 does); frames of any other pixel format are converted to it by FFmpeg.
   */
  public static VideoReader open(Path path, VideoFrame.Layout layout) throws MediaException {
    checkReadable(path);
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(path.toFile());
    grabber.setPixelFormat(layout == VideoFrame.Layout.BGR ? AV_PIX_FMT_BGR24 : AV_PIX_FMT_YUV420P);
    grabber.setVideoOption("threads", "auto");
    try {
      grabber.start();
    } catch (FFmpegFrameGrabber.Exception | RuntimeException e) {
      closeQuietly(grabber);
      throw new MediaException("cannot read " + path.getFileName() + ": it is not a video file, or it is damaged or"
          + " incomplete (" + rootMessage(e) + ")", e);
    }
    try {
      checkComplete(grabber.getFormatContext(), path);
      VideoInfo info = readInfo(grabber, path);
      if (layout == VideoFrame.Layout.I420 && (info.width() % 2 != 0 || info.height() % 2 != 0)) {
        throw new MediaException("H.264 in 4:2:0 needs an even width and height, got " + info.width() + "x" + info.height());
      }
      return new VideoReader(grabber, info, containerStartUs(grabber.getFormatContext()), layout);
    } catch (MediaException e) {
      closeQuietly(grabber);
      throw e;
    }
  }

  /** Fails with a user-fit message when the path is not a regular, non-empty file. */
  static void checkReadable(Path path) throws MediaException {
    if (!Files.isRegularFile(path)) {
      throw new MediaException("no such file: " + path);
    }
    if (fileSize(path) == 0) {
      throw new MediaException("the file is empty: " + path.getFileName());
    }
  }

  private static VideoInfo readInfo(FFmpegFrameGrabber grabber, Path path) throws MediaException {
    AVFormatContext format = grabber.getFormatContext();
    AVStream video = null;
    for (int i = 0; i < format.nb_streams(); i++) {
      AVStream s = format.streams(i);
      if (s.codecpar().codec_type() == org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO
          && (s.disposition() & org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC) == 0) {
        video = s;
        break;
      }
    }
    if (video == null || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
      throw new MediaException("no video stream in " + path.getFileName()
          + (grabber.getAudioChannels() > 0 ? ": it holds only audio" : ": it holds no picture"));
    }
    AVRational rate = video.r_frame_rate();
    if (rate.num() <= 0 || rate.den() <= 0) {
      rate = video.avg_frame_rate();
    }
    if (rate.num() <= 0 || rate.den() <= 0) {
      throw new MediaException("the video stream of " + path.getFileName() + " has no frame rate");
    }
    long durationUs = video.duration() != AV_NOPTS_VALUE && video.duration() > 0
        ? video.duration() * 1_000_000L * video.time_base().num() / video.time_base().den()
        : Math.max(0, format.duration());
    return new VideoInfo(
        grabber.getFormat(),
        grabber.getVideoCodecName(),
        grabber.getImageWidth(),
        grabber.getImageHeight(),
        new Rational(rate.num(), rate.den()),
        durationUs,
        Math.max(0, video.nb_frames()),
        grabber.getAudioChannels() > 0,
        grabber.getAudioChannels() > 0 ? grabber.getSampleRate() : 0,
        Math.max(0, grabber.getAudioChannels()));
  }

  /**
   * Fails if the container's index places stream data beyond the end of the file: a file cut
   * short in upload or copy whose header survived (an mp4 with its index first). FFmpeg would
   * otherwise decode the frames that are there and end early without an error.
   */
  private static void checkComplete(AVFormatContext format, Path path) throws MediaException {
    long fileSize = fileSize(path);
    long dataEnd = 0;
    for (int s = 0; s < format.nb_streams(); s++) {
      AVStream stream = format.streams(s);
      int entries = avformat_index_get_entries_count(stream);
      for (int i = 0; i < entries; i++) {
        AVIndexEntry entry = avformat_index_get_entry(stream, i);
        dataEnd = Math.max(dataEnd, entry.pos() + entry.size());
      }
    }
    if (dataEnd > fileSize) {
      throw new MediaException(path.getFileName() + " is incomplete: it is " + fileSize + " bytes long but its index"
          + " lists media data up to byte " + dataEnd + " (cut short in upload or copy?)");
    }
  }

  private static long fileSize(Path path) throws MediaException {
    try {
      return Files.size(path);
    } catch (java.io.IOException e) {
      throw new MediaException("cannot read " + path.getFileName() + ": " + e.getMessage(), e);
    }
  }

  /** The container's start time: frame timestamps are reported relative to it. */
  static long containerStartUs(AVFormatContext format) {
    long start = format.start_time();
    return start == AV_NOPTS_VALUE ? 0 : start * 1_000_000L / AV_TIME_BASE;
  }

  public VideoInfo info() {
    return info;
  }

  /**
   * The next frame, or empty at the end of the stream. The caller owns the frame and closes it.
   * Timestamps are strictly increasing; a frame that would repeat a time is given one
   * microsecond more, as players do.
   */
  public Optional<VideoFrame> read() throws MediaException {
    Frame frame = grab(true);
    if (frame == null) {
      return Optional.empty();
    }
    Mat pixels = pool.take();
    try {
      if (layout == VideoFrame.Layout.BGR) {
        toMat.convert(frame).copyTo(pixels);
      } else {
        copyI420((AVFrame) frame.opaque, pixels);
      }
    } catch (MediaException | RuntimeException e) {
      pixels.close();
      throw e;
    }
    return Optional.of(new VideoFrame(nextIndex++, nextTimestamp(frame), pixels, layout, pool));
  }

  /**
   * Decodes the next frame without converting its pixels, for callers that look at only some
   * frames: its timestamp, or empty at the end of the stream.
   */
  public OptionalLong skip() throws MediaException {
    Frame frame = grab(false);
    if (frame == null) {
      return OptionalLong.empty();
    }
    nextIndex++;
    return OptionalLong.of(nextTimestamp(frame));
  }

  /**
   * Copies the grabber's yuv420p picture into one packed I420 buffer: JavaCV pads its rows to 64
   * bytes, and the encoder and OpenCV want them unpadded.
   */
  private void copyI420(AVFrame picture, Mat out) throws MediaException {
    int w = info.width();
    int h = info.height();
    if (picture.width() != w || picture.height() != h) {
      throw new MediaException("the picture size changes at frame " + nextIndex + ", from " + w + "x" + h + " to "
          + picture.width() + "x" + picture.height() + "; such videos are not supported");
    }
    for (int plane = 0; plane < 3; plane++) {
      int pw = plane == 0 ? w : w / 2;
      int ph = plane == 0 ? h : h / 2;
      try (Mat from = new Mat(ph, pw, CV_8UC1, picture.data(plane), picture.linesize(plane));
          Mat to = I420Planes.plane(out, w, h, plane)) {
        from.copyTo(to);
      }
    }
  }

  private Frame grab(boolean convert) throws MediaException {
    Frame frame;
    try {
      frame = grabber.grabFrame(false, true, convert, false, false);
    } catch (FFmpegFrameGrabber.Exception | RuntimeException e) {
      throw new MediaException("decoding failed at frame " + nextIndex + ": " + rootMessage(e), e);
    }
    return frame == null || frame.image == null ? null : frame;
  }

  private long nextTimestamp(Frame frame) {
    long timestampUs = Math.max(0, frame.timestamp - startUs);
    if (timestampUs <= lastTimestampUs) {
      timestampUs = lastTimestampUs + 1;
    }
    lastTimestampUs = timestampUs;
    return timestampUs;
  }


  @Override
  public void close() {
    closeQuietly(grabber);
    pool.close();
  }

  /** The innermost cause's message, with FFmpeg's error codes spelled out and JavaCV's hints cut. */
  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    java.util.regex.Matcher code = java.util.regex.Pattern.compile("error (-\\d+)").matcher(message);
    if (code.find()) {
      byte[] text = new byte[256];
      av_strerror(Integer.parseInt(code.group(1)), text, text.length);
      int length = 0;
      while (length < text.length && text[length] != 0) {
        length++;
      }
      return "FFmpeg: " + new String(text, 0, length, java.nio.charset.StandardCharsets.UTF_8);
    }
    return message.replaceAll(" \\(Has setFormat\\(\\) been called\\?\\)", "")
        .replaceAll(" \\(For more details, make sure FFmpegLogCallback.set\\(\\) has been called.\\)", "");
  }

  private static void closeQuietly(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (Exception ignored) {
      // Nothing useful to do: the file is being given up anyway.
    }
  }
}
