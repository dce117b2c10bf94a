package io.mouthpiece.engine.media;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Decodes the audio of any file FFmpeg reads (wav, mp3, m4a, the sound of an mp4, ...) to
 * interleaved float PCM at the sample rate and channel count the caller asks for. Sample frame 0
 * is the container's time 0, the same origin {@link VideoReader} gives video frames: audio that
 * starts later is preceded by silence, audio that starts earlier loses its head. Later gaps in the
 * stream's timestamps are not filled; samples follow each other as decoded.
 */
public final class AudioReader {
  static {
    FfmpegLog.quiet();
  }

  private AudioReader() {}

  /** Reads an audio stream's headers: its length, rate, channels, codec. */
  public static AudioInfo probe(Path path) throws MediaException {
    FFmpegFrameGrabber grabber = start(path);
    try {
      AVStream audio = audioStream(grabber.getFormatContext(), path);
      long durationUs = audio.duration() != AV_NOPTS_VALUE && audio.duration() > 0
          ? audio.duration() * 1_000_000L * audio.time_base().num() / audio.time_base().den()
          : Math.max(0, grabber.getFormatContext().duration());
      return new AudioInfo(durationUs, grabber.getSampleRate(), grabber.getAudioChannels(),
          grabber.getAudioCodecName());
    } finally {
      closeQuietly(grabber);
    }
  }

  /**
   * Opens the audio of a file as a stream; memory does not grow with its length. The caller owns
   * the stream and closes it.
   */
  public static AudioStream open(Path path, int sampleRate, int channels) throws MediaException {
    if (sampleRate <= 0 || channels <= 0) {
      throw new IllegalArgumentException("bad output format: " + sampleRate + " Hz, " + channels + " channels");
    }
    FFmpegFrameGrabber grabber = start(path);
    try {
      return new Decoding(grabber, path, sampleRate, channels);
    } catch (MediaException | RuntimeException e) {
      closeQuietly(grabber);
      throw e;
    }
  }

  /** Decodes the whole audio of a file; fails rather than hold more than {@code maxDurationMs} of it. */
  public static PcmAudio decode(Path path, int sampleRate, int channels, long maxDurationMs) throws MediaException {
    return decode(path, sampleRate, channels, maxDurationMs, false);
  }

  /** Decodes the first {@code durationMs} of a file's audio (all of it when shorter). */
  public static PcmAudio decodeStart(Path path, int sampleRate, int channels, long durationMs) throws MediaException {
    return decode(path, sampleRate, channels, durationMs, true);
  }

  private static PcmAudio decode(Path path, int sampleRate, int channels, long maxDurationMs, boolean cut)
      throws MediaException {
    long maxFrames = Math.round(maxDurationMs * sampleRate / 1000.0);
    try (AudioStream stream = open(path, sampleRate, channels)) {
      float[] block = new float[8192 * channels];
      float[] samples = new float[sampleRate * channels];
      int frames = 0;
      int got;
      while ((got = stream.read(block, 8192)) > 0) {
        if (cut) {
          got = (int) Math.min(got, maxFrames - frames);
        }
        if (samples.length < (frames + got) * channels) {
          samples = Arrays.copyOf(samples, Math.max(samples.length * 2, (frames + got) * channels));
        }
        System.arraycopy(block, 0, samples, frames * channels, got * channels);
        frames += got;
        if (cut && frames >= maxFrames) {
          break;
        }
        // Same rounding as PcmAudio.durationMs, so a file exactly at the bound is accepted.
        if (Math.round(frames * 1000.0 / sampleRate) > maxDurationMs) {
          throw new TooLongException(path.getFileName() + " is longer than the " + maxDurationMs + " ms allowed");
        }
      }
      return new PcmAudio(Arrays.copyOf(samples, frames * channels), sampleRate, channels);
    }
  }

  private static FFmpegFrameGrabber start(Path path) throws MediaException {
    VideoReader.checkReadable(path);
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(path.toFile());
    grabber.setSampleFormat(AV_SAMPLE_FMT_FLT);
    try {
      grabber.start();
    } catch (FFmpegFrameGrabber.Exception | RuntimeException e) {
      closeQuietly(grabber);
      // The grabber's own message is about setFormat() and log callbacks: no help to a user.
      throw new MediaException("not a decodable audio file: " + path.getFileName()
          + " (FFmpeg recognises no audio or video format in it)", e);
    }
    if (!grabber.hasAudio() || grabber.getAudioChannels() <= 0 || grabber.getSampleRate() <= 0) {
      closeQuietly(grabber);
      throw new MediaException("no audio stream in " + path.getFileName());
    }
    return grabber;
  }

  private static AVStream audioStream(AVFormatContext format, Path path) throws MediaException {
    for (int i = 0; i < format.nb_streams(); i++) {
      if (format.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
        return format.streams(i);
      }
    }
    throw new MediaException("no audio stream in " + path.getFileName());
  }

  private static void closeQuietly(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (Exception ignored) {
      // Nothing useful to do: the file is being given up anyway.
    }
  }

  /** The stream {@link #open} hands out: grabber → converter → silence or skip at the head. */
  private static final class Decoding implements AudioStream {
    private final FFmpegFrameGrabber grabber;
    private final Path path;
    private final int sampleRate;
    private final int channels;
    private final PcmConverter converter;
    private float[] block;
    private int blockPos;
    private int blockFrames;
    private long silenceFrames;
    private long skipFrames;
    private long decodedUs;
    private boolean flushed;
    private boolean closed;

    Decoding(FFmpegFrameGrabber grabber, Path path, int sampleRate, int channels) throws MediaException {
      this.grabber = grabber;
      this.path = path;
      this.sampleRate = sampleRate;
      this.channels = channels;
      int sourceChannels = grabber.getAudioChannels();
      if (sourceChannels > 2) {
        // FFmpeg knows the surround layout and its standard downmix; our channel map starts from stereo.
        sourceChannels = 2;
        grabber.setAudioChannels(2);
      }
      this.converter = new PcmConverter(sourceChannels, grabber.getSampleRate(), channels, sampleRate);
      try {
        // The first frame's time says where the audio sits on the container's timeline.
        Frame first = grab();
        if (first != null) {
          long startUs = first.timestamp - VideoReader.containerStartUs(grabber.getFormatContext());
          long offsetFrames = Math.round(startUs * (double) sampleRate / 1e6);
          silenceFrames = Math.max(0, offsetFrames);
          skipFrames = Math.max(0, -offsetFrames);
          convert(first);
        }
      } catch (MediaException | RuntimeException e) {
        converter.close();
        throw e;
      }
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
      int done = 0;
      while (done < maxFrames) {
        if (silenceFrames > 0) {
          int n = (int) Math.min(silenceFrames, maxFrames - done);
          Arrays.fill(dst, done * channels, (done + n) * channels, 0f);
          silenceFrames -= n;
          done += n;
        } else if (blockPos < blockFrames) {
          int n = Math.min(blockFrames - blockPos, maxFrames - done);
          System.arraycopy(block, blockPos * channels, dst, done * channels, n * channels);
          blockPos += n;
          done += n;
        } else if (!refill()) {
          break;
        }
      }
      return done;
    }

    /** Decodes the next block into {@code block}; false at the end of the audio. */
    private boolean refill() throws MediaException {
      if (flushed) {
        return false;
      }
      Frame frame = grab();
      if (frame != null) {
        convert(frame);
      } else {
        flushed = true;
        take(converter.flush());
      }
      return true;
    }

    private Frame grab() throws MediaException {
      try {
        Frame frame;
        do {
          frame = grabber.grabSamples();
        } while (frame != null && (frame.samples == null || frame.samples.length == 0));
        return frame;
      } catch (FFmpegFrameGrabber.Exception | RuntimeException e) {
        throw new MediaException("decoding the audio of " + path.getFileName() + " failed after "
            + decodedUs / 1000 + " ms: " + VideoReader.rootMessage(e), e);
      }
    }

    private void convert(Frame frame) throws MediaException {
      FloatBuffer samples = (FloatBuffer) frame.samples[0];
      int frames = samples.remaining() / frame.audioChannels;
      decodedUs += frames * 1_000_000L / frame.sampleRate;
      take(converter.convert(samples, frames));
    }

    /** Makes the converter's latest output the current block, minus what the head alignment drops. */
    private void take(int frames) {
      block = converter.output();
      int skip = (int) Math.min(skipFrames, frames);
      skipFrames -= skip;
      blockPos = skip;
      blockFrames = frames;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      converter.close();
      closeQuietly(grabber);
    }
  }
}
