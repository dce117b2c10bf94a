package io.mouthpiece.engine.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Test signals whose every sample the test knows, as arrays, streams and WAV files. */
final class SyntheticAudio {
  private SyntheticAudio() {}

  /** A sine per channel (channel c at {@code hz × (c + 1)}), interleaved. */
  static PcmAudio sine(double hz, double amplitude, int frames, int sampleRate, int channels) {
    float[] s = new float[frames * channels];
    for (int i = 0; i < frames; i++) {
      for (int c = 0; c < channels; c++) {
        s[i * channels + c] = (float) (amplitude * Math.sin(2 * Math.PI * hz * (c + 1) * i / sampleRate));
      }
    }
    return new PcmAudio(s, sampleRate, channels);
  }

  /** Reads a whole stream in blocks of {@code blockFrames}. */
  static PcmAudio readAll(AudioStream stream, int blockFrames) throws MediaException {
    int ch = stream.channels();
    float[] block = new float[blockFrames * ch];
    float[] all = new float[0];
    int frames = 0;
    int got;
    while ((got = stream.read(block, blockFrames)) > 0) {
      if (all.length < (frames + got) * ch) {
        all = Arrays.copyOf(all, Math.max(all.length * 2, (frames + got) * ch));
      }
      System.arraycopy(block, 0, all, frames * ch, got * ch);
      frames += got;
    }
    stream.close();
    return new PcmAudio(Arrays.copyOf(all, frames * ch), stream.sampleRate(), ch);
  }

  /** A stream over an array that hands out uneven amounts, as a decoder does. */
  static AudioStream stream(PcmAudio audio) {
    return new AudioStream() {
      private int position;
      private int turn;

      @Override
      public int sampleRate() {
        return audio.sampleRate();
      }

      @Override
      public int channels() {
        return audio.channels();
      }

      @Override
      public int read(float[] dst, int maxFrames) {
        int uneven = 1 + (turn++ * 7919) % 1500;
        int n = Math.min(Math.min(maxFrames, uneven), audio.frames() - position);
        System.arraycopy(audio.samples(), position * audio.channels(), dst, 0, n * audio.channels());
        position += n;
        return n;
      }
    };
  }

  /** Writes 16-bit PCM to a WAV file; the samples become {@code round(x × 32767)}. */
  static void writeWav(Path path, PcmAudio audio) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(audio.samples().length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : audio.samples()) {
      bytes.putShort((short) Math.round(x * 32767));
    }
    AudioFormat format = new AudioFormat(audio.sampleRate(), 16, audio.channels(), true, false);
    try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format, audio.frames())) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, path.toFile());
    }
  }
}
