package io.mouthpiece.engine.testing;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_FLAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

import io.mouthpiece.engine.media.AudioStream;
import io.mouthpiece.engine.media.PcmAudio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Test-side audio, decoded with JavaCV's {@link FFmpegFrameGrabber} directly so that tests of the
 * engine's media code do not lean on the engine's own decoding. In goes a file, out comes PCM on
 * the file's timeline: sample 0 is at the container's start time, the same origin
 * {@code VideoReader} gives frame timestamps from.
 */
public final class TestAudio {
  private TestAudio() {}

  /** The file's audio at its own sample rate and channel count. */
  public static PcmAudio decode(Path file) {
    return decode(file, 0, 0);
  }

  /** The file's audio at its own rate and channels, or empty when it has no audio stream. */
  public static Optional<PcmAudio> soundtrack(Path file) {
    return decodeIfAny(file, 0, 0);
  }

  /**
   * The file's audio resampled by FFmpeg to {@code sampleRate} and {@code channels} (0 keeps the
   * file's own). A stream starting late is padded with silence in front; one starting before the
   * container's start is cut, so that time t is always at sample {@code t * sampleRate}.
   *
   * @throws IllegalArgumentException when the file has no audio stream
   */
  public static PcmAudio decode(Path file, int sampleRate, int channels) {
    return decodeIfAny(file, sampleRate, channels)
        .orElseThrow(() -> new IllegalArgumentException("no audio stream in " + file));
  }

  private static Optional<PcmAudio> decodeIfAny(Path file, int sampleRate, int channels) {
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
      grabber.setSampleFormat(AV_SAMPLE_FMT_FLT);
      if (sampleRate > 0) {
        grabber.setSampleRate(sampleRate);
      }
      if (channels > 0) {
        grabber.setAudioChannels(channels);
      }
      grabber.start();
      if (!grabber.hasAudio()) {
        return Optional.empty();
      }
      int rate = grabber.getSampleRate();
      int chans = grabber.getAudioChannels();
      long containerStart = grabber.getFormatContext().start_time();
      long startUs = containerStart == AV_NOPTS_VALUE ? 0 : containerStart;
      float[] out = new float[rate * chans * 10];
      int length = 0;
      boolean first = true;
      Frame frame;
      while ((frame = grabber.grabSamples()) != null) {
        FloatBuffer block = (FloatBuffer) frame.samples[0];
        int skip = 0;
        if (first) {
          first = false;
          long offsetFrames = Math.round((frame.timestamp - startUs) * (double) rate / 1e6);
          if (offsetFrames > 0) {
            length = (int) offsetFrames * chans; // leading silence
          } else {
            skip = (int) Math.min(block.remaining(), -offsetFrames * chans);
          }
        }
        int n = block.remaining() - skip;
        if (length + n > out.length) {
          out = Arrays.copyOf(out, Math.max(out.length * 2, length + n));
        }
        block.position(block.position() + skip).get(out, length, n);
        length += n;
      }
      return Optional.of(new PcmAudio(Arrays.copyOf(out, length), rate, chans));
    } catch (FrameGrabber.Exception e) {
      throw new UncheckedIOException(new IOException("cannot decode the audio of " + file, e));
    }
  }

  /** Writes {@code pcm} whole as 16-bit FLAC (lossless, smallest), replacing what was there. */
  public static void writeFlac(PcmAudio pcm, Path flac) throws IOException {
    Path part = flac.resolveSibling(flac.getFileName() + ".part.flac");
    // The smallest FLAC: these files are kept in git.
    write(pcm, part, "flac", AV_CODEC_ID_FLAC, AV_SAMPLE_FMT_NONE, "12");
    Files.move(part, flac, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Writes {@code pcm} whole with FFmpeg's recorder (never the engine's writer, which tests check):
   * {@code format} and {@code codec} as FFmpeg names them, the codec's {@code sampleFormat} when it
   * takes no floats ({@code AV_SAMPLE_FMT_NONE}: its default), a FLAC {@code compressionLevel} or null.
   */
  static void write(PcmAudio pcm, Path out, String format, int codec, int sampleFormat, String compressionLevel)
      throws IOException {
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), pcm.channels())) {
      recorder.setFormat(format);
      recorder.setAudioCodec(codec);
      if (sampleFormat != AV_SAMPLE_FMT_NONE) {
        recorder.setSampleFormat(sampleFormat);
      }
      if (compressionLevel != null) {
        recorder.setAudioOption("compression_level", compressionLevel);
      }
      recorder.setSampleRate(pcm.sampleRate());
      recorder.start();
      float[] s = pcm.samples();
      int block = 4096 * pcm.channels();
      for (int at = 0; at < s.length; at += block) {
        recorder.recordSamples(pcm.sampleRate(), pcm.channels(), FloatBuffer.wrap(s, at, Math.min(block, s.length - at)));
      }
      recorder.stop();
    }
  }

  /** Streams {@code pcm} from its first sample, in the blocks the reader asks for. */
  public static AudioStream stream(PcmAudio pcm) {
    return new AudioStream() {
      private int nextFrame;

      @Override
      public int sampleRate() {
        return pcm.sampleRate();
      }

      @Override
      public int channels() {
        return pcm.channels();
      }

      @Override
      public int read(float[] dst, int maxFrames) {
        int n = Math.min(maxFrames, pcm.frames() - nextFrame);
        System.arraycopy(pcm.samples(), nextFrame * pcm.channels(), dst, 0, n * pcm.channels());
        nextFrame += n;
        return n;
      }
    };
  }

  /** Mono mix: the mean of the channels of each sample frame. */
  public static float[] mono(PcmAudio pcm) {
    float[] mono = new float[pcm.frames()];
    int channels = pcm.channels();
    for (int i = 0; i < mono.length; i++) {
      float sum = 0;
      for (int c = 0; c < channels; c++) {
        sum += pcm.samples()[i * channels + c];
      }
      mono[i] = sum / channels;
    }
    return mono;
  }
}
