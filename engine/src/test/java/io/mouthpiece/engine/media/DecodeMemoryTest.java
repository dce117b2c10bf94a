package io.mouthpiece.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.engine.testing.TestMedia;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * Decoding streams: a minute of 720p read frame by frame, each frame closed, holds no more native
 * memory at the end than after its first 10 seconds. Frames are 2.7 MB each, so keeping even one
 * in fifty would add more than the 50 MB allowed.
 */
class DecodeMemoryTest {
  private static final long ALLOWED_GROWTH_BYTES = 50L << 20;

  @Test
  void decodingAMinuteOf720pDoesNotGrowNativeMemory() throws Exception {
    long made = System.nanoTime();
    Path video = TestMedia.long720p(60);
    System.out.printf("long720p(60): %.1f s to make (near 0 when cached)%n", (System.nanoTime() - made) / 1e9);
    long afterTenSeconds = -1;
    long atEnd;
    int frames = 0;
    long t0 = System.nanoTime();
    try (VideoReader reader = VideoReader.open(video)) {
      Optional<VideoFrame> frame;
      while ((frame = reader.read()).isPresent()) {
        try (VideoFrame f = frame.get()) {
          frames++;
          if (afterTenSeconds < 0 && f.timestampUs() >= 10_000_000) {
            afterTenSeconds = Pointer.physicalBytes();
          }
        }
      }
      atEnd = Pointer.physicalBytes();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long growth = atEnd - afterTenSeconds;
    System.out.printf("decoded %d frames of 720p in %.1f s (%.0f fps); resident memory %d MB after 10 s,"
        + " %d MB at the end: growth %+.1f MB%n", frames, seconds, frames / seconds, afterTenSeconds >> 20,
        atEnd >> 20, growth / 1048576.0);
    assertEquals(1500, frames, "the whole minute was decoded");
    assertTrue(growth < ALLOWED_GROWTH_BYTES, "resident memory grew by " + (growth >> 20) + " MB");
  }
}
