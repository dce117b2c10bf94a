package io.mouthpiece.engine.testing;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.media.Rational;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;

/**
 * Writes a constant-rate test clip with JavaCV's recorder, not the engine's writer: H.264 (x264
 * preset ultrafast, CRF 18, yuv420p) + AAC in mp4, index (moov) first. Frame n is shown at exactly {@code n / fps}.
 * The soundtrack is given whole and written in step with the frames; at the end it is cut or
 * padded with silence to the video's length, so both streams last the same.
 */
final class ClipEncoder implements AutoCloseable {
  private static final int AUDIO_BLOCK = 1024;

  private final FFmpegFrameRecorder recorder;
  private final Rational fps;
  private final PcmAudio audio;
  private long framesWritten;
  private long audioFramesWritten;

  /** @param audio the soundtrack from time 0, or null for a silent clip */
  ClipEncoder(Path out, int width, int height, Rational fps, PcmAudio audio) throws FFmpegFrameRecorder.Exception {
    this.fps = fps;
    this.audio = audio;
    recorder = new FFmpegFrameRecorder(out.toFile(), width, height, audio == null ? 0 : audio.channels());
    recorder.setFormat("mp4");
    recorder.setOption("movflags", "+faststart"); // index first, as web uploads usually are
    recorder.setFrameRate(fps.toDouble()); // JavaCV turns 29.97002997 back into 30000/1001 exactly
    recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
    recorder.setVideoCodecName("libx264");
    recorder.setVideoOption("preset", "ultrafast");
    recorder.setVideoOption("crf", "18");
    recorder.setGopSize(50);
    if (audio != null) {
      recorder.setAudioCodec(AV_CODEC_ID_AAC);
      recorder.setSampleRate(audio.sampleRate());
      recorder.setAudioBitrate(128_000);
    }
    recorder.start();
  }

  /** Appends a packed BGR frame (any stride) shown from {@code framesWritten / fps}. */
  void write(Frame bgr) throws FFmpegFrameRecorder.Exception {
    recorder.record(bgr);
    framesWritten++;
    writeAudioUntil(audioFramesAt(framesWritten));
  }

  /** Appends every frame {@code filter} has ready. */
  void writeReady(FFmpegFrameFilter filter) throws FrameFilter.Exception, FFmpegFrameRecorder.Exception {
    Frame frame;
    while ((frame = filter.pullImage()) != null) {
      write(frame);
    }
  }

  long framesWritten() {
    return framesWritten;
  }

  /** Writes the rest of the soundtrack, to the video's end, and closes the file. */
  void finish() throws FFmpegFrameRecorder.Exception {
    writeAudioUntil(audioFramesAt(framesWritten));
    recorder.stop();
  }

  private long audioFramesAt(long videoFrames) {
    return audio == null ? 0 : videoFrames * fps.den() * audio.sampleRate() / fps.num();
  }

  private void writeAudioUntil(long targetFrames) throws FFmpegFrameRecorder.Exception {
    if (audio == null) {
      return;
    }
    int channels = audio.channels();
    float[] block = new float[AUDIO_BLOCK * channels];
    while (audioFramesWritten < targetFrames) {
      int n = (int) Math.min(AUDIO_BLOCK, targetFrames - audioFramesWritten);
      int available = (int) Math.max(0, Math.min(n, audio.frames() - audioFramesWritten));
      System.arraycopy(audio.samples(), (int) audioFramesWritten * channels, block, 0, available * channels);
      java.util.Arrays.fill(block, available * channels, n * channels, 0f);
      recorder.recordSamples(audio.sampleRate(), channels, FloatBuffer.wrap(block, 0, n * channels));
      audioFramesWritten += n;
    }
  }

  @Override
  public void close() {
    try {
      recorder.release();
    } catch (FFmpegFrameRecorder.Exception ignored) {
      // Already stopped, or failing: the caller deletes the partial file.
    }
  }
}
