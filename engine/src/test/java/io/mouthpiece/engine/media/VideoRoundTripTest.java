package io.mouthpiece.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.testing.TestAudio;
import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bytedeco.opencv.global.opencv_core;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decoding a video and encoding its frames and sound again with the default settings must give
 * the same video back: size, frame count, duration, every frame's time, near-identical pixels
 * (CRF 18 is meant to be visually lossless) and the same sound at the same place.
 */
class VideoRoundTripTest {
  /** Every shared video (VFR, MPEG-4 Part 2, silent ones included) and a 29.97 fps clip. */
  static Stream<String> videos() {
    return Stream.concat(TestMedia.VIDEOS.stream(), Stream.of("clip2997"));
  }

  private static Path source(String name) {
    return name.equals("clip2997") ? TestMedia.clip2997() : TestMedia.video(name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("videos")
  void roundTripKeepsFramesTimesPixelsAndSound(String name, @TempDir Path tmp) throws Exception {
    Path in = source(name);
    Path out = tmp.resolve("round-trip.mp4");
    Optional<PcmAudio> sound = TestAudio.soundtrack(in);
    long t0 = System.nanoTime();
    VideoInfo inInfo = copy(in, out, sound);
    long t1 = System.nanoTime();

    double frameUs = 1e6 / inInfo.frameRate().toDouble();
    List<Double> psnr = new ArrayList<>();
    long worstTimeErrorUs = 0;
    VideoInfo outInfo;
    try (VideoReader a = VideoReader.open(in); VideoReader b = VideoReader.open(out)) {
      outInfo = b.info();
      assertEquals(inInfo.width(), outInfo.width(), "width");
      assertEquals(inInfo.height(), outInfo.height(), "height");
      while (true) {
        Optional<VideoFrame> fa = a.read();
        Optional<VideoFrame> fb = b.read();
        assertEquals(fa.isPresent(), fb.isPresent(), "frame counts differ at frame " + psnr.size());
        if (fa.isEmpty()) {
          break;
        }
        try (VideoFrame x = fa.get(); VideoFrame y = fb.get()) {
          long errorUs = Math.abs(y.timestampUs() - x.timestampUs());
          worstTimeErrorUs = Math.max(worstTimeErrorUs, errorUs);
          assertTrue(errorUs <= frameUs / 2 + 1, "frame " + x.index() + " moved " + errorUs + " us ("
              + x.timestampUs() + " -> " + y.timestampUs() + ")");
          double p = opencv_core.PSNR(x.bgr(), y.bgr());
          psnr.add(p);
          assertTrue(p > 35, "frame " + x.index() + " PSNR " + p + " dB");
        }
      }
    }
    assertEquals(inInfo.frameCountHint(), psnr.size(), "the source was not decoded whole");
    assertTrue(Math.abs(outInfo.durationUs() - inInfo.durationUs()) <= frameUs,
        "duration " + inInfo.durationUs() + " -> " + outInfo.durationUs() + " us");

    String audioNote = "no audio";
    assertEquals(sound.isPresent(), outInfo.hasAudio(), "audio stream present");
    if (sound.isPresent()) {
      assertEquals(EncodeConfig.DEFAULT.audioSampleRate(), outInfo.audioSampleRate(), "the settings' sample rate");
      PcmAudio before = sound.get();
      PcmAudio after = TestAudio.decode(out, before.sampleRate(), before.channels());
      AudioCompare.Match m = AudioCompare.align(TestAudio.mono(before), TestAudio.mono(after), before.sampleRate());
      audioNote = String.format("audio lag %.2f ms, r=%.4f, length %d -> %d ms", m.lagMs(), m.correlation(),
          before.durationMs(), after.durationMs());
      assertTrue(Math.abs(m.lagMs()) <= 1.0, audioNote);
      assertTrue(m.correlation() > 0.95, audioNote);
      assertTrue(Math.abs(after.durationMs() - before.durationMs()) <= 50, audioNote);
    }
    System.out.printf("%s: %d frames, PSNR min %.1f mean %.1f dB, worst time error %d us, duration %d -> %d us,"
            + " %s, copied in %.1f s%n", name, psnr.size(), psnr.stream().mapToDouble(d -> d).min().orElse(0),
        psnr.stream().mapToDouble(d -> d).average().orElse(0), worstTimeErrorUs, inInfo.durationUs(),
        outInfo.durationUs(), audioNote, (t1 - t0) / 1e9);
  }

  /** VideoReader -> VideoWriter with the default settings; returns the source's info. */
  static VideoInfo copy(Path in, Path out, Optional<PcmAudio> sound) throws MediaException {
    try (VideoReader reader = VideoReader.open(in)) {
      VideoInfo info = reader.info();
      try (VideoWriter writer = VideoWriter.open(out, info.width(), info.height(), info.frameRate(),
          sound.map(TestAudio::stream).orElse(null), EncodeConfig.DEFAULT)) {
        Optional<VideoFrame> frame;
        while ((frame = reader.read()).isPresent()) {
          try (VideoFrame f = frame.get()) {
            writer.write(f);
          }
        }
        writer.finish();
      }
      return info;
    }
  }
}
