package io.mouthpiece.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.testing.TestAudio;
import io.mouthpiece.engine.testing.TestMedia;
import io.mouthpiece.engine.testing.TestMedia.FlashClick;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.opencv.global.opencv_core;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Picture and sound stay together: in a clip whose one white frame and one click happen at the
 * same instant, the white frame's timestamp (from VideoReader) and the click's position (decoded
 * independently with JavaCV's grabber) must agree, in the clip and after a round trip through
 * VideoReader and VideoWriter, at 29.97 and 25 fps.
 */
class AudioVideoAlignmentTest {
  /**
   * A lip-sync error a viewer can notice starts near 45 ms of sound early; a frame is 33-40 ms.
   * Known ways to break alignment (AAC priming of 1024 samples not trimmed, a resampler's delay,
   * a frame of offset) are 20 ms or more, so sound is held to 5 ms of where it was made.
   */
  private static final long CLICK_TOLERANCE_US = 5_000;

  @ParameterizedTest(name = "{0}/{1} fps")
  @CsvSource({"30000, 1001", "25, 1"})
  void whiteFrameAndClickAgreeBeforeAndAfterRoundTrip(long num, long den, @TempDir Path tmp) throws Exception {
    Rational fps = new Rational(num, den);
    double frameUs = 1e6 / fps.toDouble();
    FlashClick clip = TestMedia.flashClick(fps);

    Marks input = marks(clip.file());
    Path out = tmp.resolve("round-trip.mp4");
    VideoRoundTripTest.copy(clip.file(), out, Optional.of(TestAudio.decode(clip.file())));
    Marks output = marks(out);
    System.out.printf("%s fps: flash made at %d us; input: flash %d us, click %d us; round trip: flash %d us,"
        + " click %d us%n", fps, clip.flashUs(), input.flashUs, input.clickUs, output.flashUs, output.clickUs);

    for (Marks m : new Marks[] {input, output}) {
      assertEquals(clip.flashFrame(), m.flashFrame, "the white frame's index");
      assertTrue(Math.abs(m.flashUs - clip.flashUs()) <= frameUs / 2, "white frame at " + m.flashUs + " us");
      assertTrue(Math.abs(m.clickUs - m.flashUs) <= frameUs,
          "click at " + m.clickUs + " us, white frame at " + m.flashUs + " us: more than a frame apart");
      assertTrue(Math.abs(m.clickUs - clip.flashUs()) <= CLICK_TOLERANCE_US,
          "click at " + m.clickUs + " us, made at " + clip.flashUs() + " us");
    }
  }

  /** Where the white frame and the click are in a file. */
  private record Marks(long flashFrame, long flashUs, long clickUs) {}

  private static Marks marks(Path file) throws MediaException {
    long flashFrame = -1;
    long flashUs = -1;
    try (VideoReader reader = VideoReader.open(file)) {
      Optional<VideoFrame> frame;
      while ((frame = reader.read()).isPresent()) {
        try (VideoFrame f = frame.get()) {
          if (opencv_core.mean(f.bgr()).get(1) > 200) {
            assertEquals(-1, flashFrame, "more than one white frame");
            flashFrame = f.index();
            flashUs = f.timestampUs();
          }
        }
      }
    }
    assertTrue(flashFrame >= 0, "no white frame in " + file);
    return new Marks(flashFrame, flashUs, clickUs(TestAudio.decode(file)));
  }

  /** The click's onset: the first sample reaching half the loudest one. */
  private static long clickUs(PcmAudio pcm) {
    float[] mono = TestAudio.mono(pcm);
    float peak = 0;
    for (float s : mono) {
      peak = Math.max(peak, Math.abs(s));
    }
    assertTrue(peak > 0.1, "no click in the audio");
    int i = 0;
    while (Math.abs(mono[i]) < peak / 2) {
      i++;
    }
    return Math.round(i * 1e6 / pcm.sampleRate());
  }
}
