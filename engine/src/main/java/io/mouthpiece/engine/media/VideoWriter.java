package io.mouthpiece.engine.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2YUV_I420;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Encodes frames and a soundtrack into an mp4 browsers play: H.264 (x264, or OpenH264 when the
 * FFmpeg build has no x264) + AAC, streaming. In go {@link VideoFrame}s with their timestamps and
 * an {@link AudioStream}; audio is pulled in step with the video so the muxer never buffers more
 * than a frame's worth, and memory does not grow with length.
 */
public final class VideoWriter implements AutoCloseable {
  static {
    FfmpegLog.quiet();
  }

  private static final int AUDIO_BLOCK = 1024;

  private final FFmpegFrameRecorder recorder;
  private final Mat yuv = new Mat();
  private final AudioStream audio;
  private final float[] audioBlock;
  private final double frameRate;
  private final EncoderTap tap;
  private long audioFramesWritten;
  private boolean audioEnded;
  private long lastFrameNumber = -1;
  private boolean closed;

  private VideoWriter(FFmpegFrameRecorder recorder, AudioStream audio, double frameRate, EncoderTap tap) {
    this.recorder = recorder;
    this.audio = audio;
    this.frameRate = frameRate;
    this.tap = tap;
    this.audioBlock = audio == null ? null : new float[AUDIO_BLOCK * audio.channels()];
  }

  /**
   * Opens an mp4 for writing.
   *
   * @param audio the soundtrack, or null for a video without sound; the writer reads it to its end
   *     and closes it
   */
  public static VideoWriter open(Path out, int width, int height, Rational frameRate, AudioStream audio,
      EncodeConfig config) throws MediaException {
    config.checkValidity();
    if (width % 2 != 0 || height % 2 != 0) {
      throw new MediaException("H.264 in 4:2:0 needs an even width and height, got " + width + "x" + height);
    }
    FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), width, height,
        audio == null ? 0 : audio.channels());
    recorder.setFormat("mp4");
    recorder.setFrameRate(frameRate.toDouble());
    recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
    recorder.setVideoOption("threads", "auto");
    recorder.setOption("movflags", "+faststart");
    if (avcodec.avcodec_find_encoder_by_name("libx264") != null) {
      recorder.setVideoCodecName("libx264");
      recorder.setVideoOption("crf", Integer.toString(config.crf()));
      recorder.setVideoOption("preset", config.preset());
      recorder.setVideoOption("profile", "high");
    } else {
      recorder.setVideoCodecName("libopenh264");
      recorder.setVideoBitrate((int) Math.min(Integer.MAX_VALUE,
          config.fallbackBitsPerPixel() * width * height * frameRate.toDouble()));
    }
    if (audio != null) {
      recorder.setAudioCodec(AV_CODEC_ID_AAC);
      // The encoder runs at the config's rate; recordSamples resamples the stream's rate to it.
      recorder.setSampleRate(config.audioSampleRate());
      recorder.setAudioBitrate(config.audioBitrate());
    }
    try {
      recorder.start();
    } catch (FFmpegFrameRecorder.Exception | RuntimeException e) {
      try {
        recorder.release();
      } catch (Exception ignored) {
        // Already failing; the first error is the one to report.
      }
      if (audio != null) {
        audio.close(); // ours to close, as promised above, even when we never started
      }
      throw new MediaException("cannot start encoding " + out.getFileName() + ": " + VideoReader.rootMessage(e), e);
    }
    FrameSizedBlocks.PROCESS.encoderOpened(width * (long) height * 3 / 2);
    return new VideoWriter(recorder, audio, frameRate.toDouble(), config.tap());
  }

  /** Encodes one frame at its own timestamp; frames must come in increasing time order. */
  public void write(VideoFrame frame) throws MediaException {
    // Frames sit on the nominal rate's grid; a variable-rate source's gaps stay gaps.
    long frameNumber = Math.max(lastFrameNumber + 1, Math.round(frame.timestampUs() * frameRate / 1e6));
    lastFrameNumber = frameNumber;
    try {
      recorder.setFrameNumber((int) frameNumber);
      Mat i420 = frame.pixels();
      if (frame.layout() == VideoFrame.Layout.BGR) {
        // BGR to yuv420p (BT.601, limited range, as swscale does) by OpenCV, which is several times
        // faster than the recorder's single-threaded swscale; the encoder then takes it as it is.
        cvtColor(frame.bgr(), yuv, COLOR_BGR2YUV_I420);
        i420 = yuv;
      }
      ByteBuffer pixels = i420.data().capacity(i420.total() * i420.elemSize()).asBuffer();
      if (tap != null) {
        tap.picture(frameNumber, pixels.asReadOnlyBuffer());
      }
      recorder.recordImage(frame.width(), frame.height(), Frame.DEPTH_UBYTE, 1, (int) i420.step(), AV_PIX_FMT_YUV420P,
          pixels);
    } catch (FFmpegFrameRecorder.Exception | RuntimeException e) {
      throw new MediaException("encoding failed at frame " + frame.index() + ": " + VideoReader.rootMessage(e), e);
    }
    writeAudioUntil(Math.round((frameNumber + 1) * 1e6 / frameRate));
  }

  private void writeAudioUntil(long timeUs) throws MediaException {
    if (audio == null) {
      return;
    }
    long targetFrames = timeUs == Long.MAX_VALUE ? Long.MAX_VALUE : timeUs * audio.sampleRate() / 1_000_000L;
    while (!audioEnded && audioFramesWritten < targetFrames) {
      int want = (int) Math.min(AUDIO_BLOCK, targetFrames - audioFramesWritten);
      int got = audio.read(audioBlock, want);
      if (got == 0) {
        audioEnded = true;
        break;
      }
      FloatBuffer block = FloatBuffer.wrap(audioBlock, 0, got * audio.channels());
      if (tap != null) {
        tap.samples(block.asReadOnlyBuffer());
      }
      try {
        recorder.recordSamples(audio.sampleRate(), audio.channels(), block);
      } catch (FFmpegFrameRecorder.Exception | RuntimeException e) {
        throw new MediaException("audio encoding failed: " + VideoReader.rootMessage(e), e);
      }
      audioFramesWritten += got;
    }
  }

  /** Writes the rest of the soundtrack and finishes the file. */
  public void finish() throws MediaException {
    if (closed) {
      return;
    }
    try {
      writeAudioUntil(Long.MAX_VALUE);
      recorder.stop();
    } catch (FFmpegFrameRecorder.Exception | RuntimeException e) {
      throw new MediaException("cannot finish the output file: " + VideoReader.rootMessage(e), e);
    } finally {
      close();
    }
  }

  /** Frees the encoder; without {@link #finish()} first, the file is incomplete. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    yuv.close();
    try {
      recorder.release();
    } catch (Exception ignored) {
      // Releasing after a failure: the original error has been reported.
    } finally {
      FrameSizedBlocks.PROCESS.encoderClosed();
    }
    if (audio != null) {
      audio.close();
    }
  }
}
