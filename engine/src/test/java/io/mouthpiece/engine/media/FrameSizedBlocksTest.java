package io.mouthpiece.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import org.junit.jupiter.api.Test;

/**
 * The malloc thresholds while encoders are open, read through glibc's own count of mapped bytes: at
 * rest a block above the threshold is mapped afresh; raised, the same block comes from the heap;
 * the last encoder to close puts them back, and without a threshold in the environment nothing moves.
 */
class FrameSizedBlocksTest {
  private static final long KB128 = 128 * 1024;
  /** A block far larger than any the test JVM is likely to have freed into its heap before. */
  private static final long BLOCK = 30L << 20;

  /** glibc's mallinfo2; hblkhd is the bytes held in mmapped blocks. */
  @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
      "keepcost"})
  public static class MallInfo extends Structure implements Structure.ByValue {
    public long arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
  }

  /** The C library's allocator. */
  public interface LibC extends Library {
    MallInfo mallinfo2();

    Pointer malloc(long size);

    void free(Pointer p);
  }

  /** glibc, which the project runs on (Debian; the launcher's thresholds are glibc's): no skipping without it. */
  private static LibC libc() {
    return Native.load("c", LibC.class);
  }

  /** The mapped bytes a malloc of {@code size} added while it was held. */
  private static long mappedBy(LibC c, long size) {
    long before = c.mallinfo2().hblkhd;
    Pointer p = c.malloc(size);
    try {
      return c.mallinfo2().hblkhd - before;
    } finally {
      c.free(p);
    }
  }

  @Test
  void whileAnEncoderIsOpenAFrameSizedBlockComesFromTheHeap() {
    LibC c = libc();
    FrameSizedBlocks blocks = new FrameSizedBlocks(KB128, KB128);
    blocks.encoderOpened(1);
    blocks.encoderClosed(); // the launcher's resting thresholds, set for this process
    assertTrue(mappedBy(c, BLOCK) >= BLOCK, "at rest a block above 128 kB is mapped afresh");
    blocks.encoderOpened(BLOCK / 2);
    try {
      assertEquals(FrameSizedBlocks.MAX_BYTES, blocks.raisedBytes(), "four frames, capped at glibc's ceiling");
      assertEquals(0, mappedBy(c, BLOCK), "raised, it comes from the heap");
      assertEquals(0, mappedBy(c, BLOCK), "and again, without being given back to the system in between");
    } finally {
      blocks.encoderClosed();
    }
    assertEquals(0, blocks.raisedBytes());
    // A block larger than the one freed while raised (which the heap keeps, and would hand out
    // again) and still under the raised threshold: mapped afresh only if the threshold went back.
    long larger = BLOCK + (1 << 20);
    assertTrue(mappedBy(c, larger) >= larger, "back at rest, a block above 128 kB is mapped afresh again");
  }

  @Test
  void theLastEncoderToClosePutsTheThresholdsBack() {
    FrameSizedBlocks blocks = new FrameSizedBlocks(KB128, KB128);
    blocks.encoderOpened(1_382_400); // 1280x720 I420
    blocks.encoderOpened(3_110_400); // 1920x1080 I420: the larger frame wins
    assertTrue(blocks.raisedBytes() > 0, "glibc's mallopt took the thresholds");
    assertEquals(4 * 3_110_400L, blocks.raisedBytes());
    blocks.encoderClosed();
    assertEquals(4 * 3_110_400L, blocks.raisedBytes(), "one encoder still open");
    blocks.encoderClosed();
    assertEquals(0, blocks.raisedBytes());
    blocks.encoderClosed(); // one close too many changes nothing
    assertEquals(0, blocks.raisedBytes());
  }

  @Test
  void withoutAThresholdInTheEnvironmentNothingIsTouched() {
    FrameSizedBlocks blocks = new FrameSizedBlocks(-1, KB128);
    blocks.encoderOpened(1_382_400);
    assertEquals(0, blocks.raisedBytes(), "glibc adapts its own thresholds then");
    blocks.encoderClosed();
  }
}
