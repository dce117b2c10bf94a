package io.mouthpiece.app.eval;

import io.mouthpiece.engine.media.AudioPlan;
import io.mouthpiece.engine.media.AudioReader;
import io.mouthpiece.engine.media.AudioStream;
import io.mouthpiece.engine.media.AudioWriter;
import io.mouthpiece.engine.media.EncodeConfig;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoReader;
import io.mouthpiece.engine.media.VideoWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/** The inputs the evaluation makes from the media: half clips, pieces of speech, speech with pauses. */
final class Clips {
  /** Speech is kept at this rate for measuring; the engine resamples as it needs. */
  static final int RATE = 16_000;

  private Clips() {}

  /** The frames before {@code splitUs} with their own sound: all the engine may see of the clip. */
  static Path firstHalf(Path video, long splitUs, Path dir) throws MediaException {
    Path out = dir.resolve(Corpus.stem(video.getFileName().toString()) + "-first-half-" + splitUs + "us.mp4");
    if (Files.exists(out)) {
      return out;
    }
    Path part = partOf(out);
    EncodeConfig encoding = EncodeConfig.DEFAULT;
    try (VideoReader reader = VideoReader.open(video)) {
      var info = reader.info();
      AudioStream sound = info.hasAudio()
          ? new AudioPlan(List.of(), 1.0).mix(AudioReader.open(video, encoding.audioSampleRate(), 2), splitUs,
              encoding.audioSampleRate(), 2)
          : null;
      try (VideoWriter writer = VideoWriter.open(part, info.width(), info.height(), info.frameRate(), sound, encoding)) {
        Optional<VideoFrame> f;
        while ((f = reader.read()).isPresent()) {
          try (VideoFrame frame = f.get()) {
            if (frame.timestampUs() >= splitUs) {
              break;
            }
            writer.write(frame);
          }
        }
        writer.finish();
      }
    }
    return complete(part, out);
  }

  // The sound comes decoded (Measured holds every file's once) with the name of the file it is from.

  /** A clip's own sound ({@code all}, of the file {@code name}) from {@code fromUs} to its end, as a WAV. */
  static Path secondHalfSound(PcmAudio all, String name, long fromUs, Path dir) throws MediaException {
    Path out = dir.resolve(Corpus.stem(name) + "-second-half-" + fromUs + "us.wav");
    if (!Files.exists(out)) {
      writeWav(all.slice(fromUs / 1000, all.durationMs()), out);
    }
    return out;
  }

  /** The first {@code lengthMs} of a speech ({@code speech}, of the file {@code name}), as a WAV. */
  static Path piece(PcmAudio speech, String name, long lengthMs, Path dir) throws MediaException {
    Path out = dir.resolve(Corpus.stem(name) + "-" + lengthMs + "ms.wav");
    if (!Files.exists(out)) {
      writeWav(speech.slice(0, lengthMs), out);
    }
    return out;
  }

  /**
   * Speech ({@code src}, of the file {@code name}, at {@link #RATE}) with pauses put in: {@code pauseMs} of silence after every {@code everyMs} of speech,
   * for checking that the mouth closes in pauses.
   */
  static Path withPauses(PcmAudio src, String name, long lengthMs, long everyMs, long pauseMs, Path dir)
      throws MediaException {
    Path out = dir.resolve(Corpus.stem(name) + "-paused-" + lengthMs + "ms.wav");
    if (!Files.exists(out)) {
      float[] s = new float[(int) (lengthMs * RATE / 1000)];
      int from = 0;
      int to = 0;
      while (to < s.length && from < src.frames()) {
        long inBlock = (to * 1000L / RATE) % (everyMs + pauseMs);
        if (inBlock < everyMs) {
          s[to] = src.samples()[from++];
        }
        to++;
      }
      writeWav(new PcmAudio(s, RATE, 1), out);
    }
    return out;
  }

  /**
   * Where a file is written before it is complete: outputs are reused by name on the next run, so
   * an interrupted run must not leave a half file under the final name.
   */
  private static Path partOf(Path out) {
    String name = out.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return out.resolveSibling(name.substring(0, dot) + ".part" + name.substring(dot));
  }

  private static Path complete(Path part, Path out) throws MediaException {
    try {
      return Files.move(part, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new MediaException("could not move " + part + " to " + out, e);
    }
  }

  private static void writeWav(PcmAudio audio, Path out) throws MediaException {
    Path part = partOf(out);
    AudioWriter.writeWav(audio, part);
    complete(part, out);
  }
}
