package io.mouthpiece.engine.media;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/** Writes decoded audio to a 16-bit PCM WAV file, e.g. a piece of speech cut for a test or an evaluation. */
public final class AudioWriter {
  static {
    FfmpegLog.quiet();
  }

  private AudioWriter() {}

  /** Writes {@code audio} to {@code wav} as 16-bit PCM at its own rate and channel count. */
  public static void writeWav(PcmAudio audio, Path wav) throws MediaException {
    FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(wav.toFile(), audio.channels());
    recorder.setFormat("wav");
    recorder.setAudioCodec(avcodec.AV_CODEC_ID_PCM_S16LE);
    recorder.setSampleRate(audio.sampleRate());
    try {
      recorder.start();
      int block = 4096 * audio.channels();
      float[] s = audio.samples();
      for (int at = 0; at < s.length; at += block) {
        recorder.recordSamples(audio.sampleRate(), audio.channels(), FloatBuffer.wrap(s, at, Math.min(block, s.length - at)));
      }
      recorder.stop();
    } catch (FFmpegFrameRecorder.Exception | RuntimeException e) {
      throw new MediaException("cannot write " + wav.getFileName() + ": " + VideoReader.rootMessage(e), e);
    } finally {
      try {
        recorder.release();
      } catch (Exception ignored) {
        // Already stopped or failed; the error, if any, is reported above.
      }
    }
  }
}
