package io.mouthpiece.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The malloc thresholds while encoders are open. In a process of its own, read through glibc's own
 * count of mapped bytes: at rest a block above the threshold is mapped afresh; raised, the same block
 * comes from the heap; back at rest, mapped afresh again. The bookkeeping (the last encoder to close
 * puts them back; without a threshold in the environment nothing moves) through a stand-in for
 * mallopt, so that this test JVM's own thresholds stay as they were.
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

  /**
   * Runs in a JVM of its own, started with the launcher's environment: what glibc does with a block
   * depends on what the process freed before (a heap that once held 30 MB serves the next 30 MB
   * without mapping, whatever the threshold), and this test JVM has run every other test first.
   */
  @Test
  void whileAnEncoderIsOpenAFrameSizedBlockComesFromTheHeap() throws Exception {
    ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Probe.class.getName()).redirectErrorStream(true);
    child.environment().put("MALLOC_ARENA_MAX", "2");
    child.environment().put("MALLOC_MMAP_THRESHOLD_", String.valueOf(KB128));
    child.environment().remove("MALLOC_TRIM_THRESHOLD_");
    Process p = child.start();
    Map<String, Long> said = new HashMap<>();
    StringBuilder all = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        all.append(line).append('\n');
        String[] kv = line.split("=", 2);
        if (kv.length == 2 && kv[1].matches("-?\\d+")) {
          said.put(kv[0], Long.parseLong(kv[1]));
        }
      }
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe ended");
    assertEquals(0, p.exitValue(), all.toString());
    assertTrue(said.get("restMapped") >= BLOCK, "at rest a block above 128 kB is mapped afresh\n" + all);
    assertEquals(FrameSizedBlocks.MAX_BYTES, said.get("raised"), "four frames, capped at glibc's ceiling");
    assertEquals(0, said.get("raisedMapped"), "raised, it comes from the heap\n" + all);
    assertEquals(0, said.get("raisedMappedAgain"), "and again, without being given back to the system in between");
    assertEquals(0, said.get("raisedAfter"));
    assertTrue(said.get("afterMapped") >= BLOCK + (1 << 20), "back at rest, a block above 128 kB is mapped afresh again\n"
        + all);
  }

  /** The child of the test above: the process's own thresholds, as the command line's encoders move them. */
  public static final class Probe {
    public static void main(String[] args) {
      LibC c = libc();
      FrameSizedBlocks blocks = FrameSizedBlocks.PROCESS;
      System.out.println("restMapped=" + mappedBy(c, BLOCK));
      blocks.encoderOpened(BLOCK / 2);
      try {
        System.out.println("raised=" + blocks.raisedBytes());
        System.out.println("raisedMapped=" + mappedBy(c, BLOCK));
        System.out.println("raisedMappedAgain=" + mappedBy(c, BLOCK));
      } finally {
        blocks.encoderClosed();
      }
      System.out.println("raisedAfter=" + blocks.raisedBytes());
      // A block larger than the one freed while raised (which the heap keeps, and would hand out
      // again) and still under the raised threshold: mapped afresh only if the threshold went back.
      System.out.println("afterMapped=" + mappedBy(c, BLOCK + (1 << 20)));
    }
  }

  /** A stand-in for glibc's mallopt: the thresholds as set, and how many calls set them. */
  private static final class Thresholds implements FrameSizedBlocks.Mallopt {
    final Map<Integer, Long> value = new HashMap<>();
    int calls;

    @Override
    public boolean set(int param, long bytes) {
      calls++;
      value.put(param, bytes);
      return true;
    }

    long mmap() {
      return value.getOrDefault(FrameSizedBlocks.M_MMAP_THRESHOLD, -1L);
    }

    long trim() {
      return value.getOrDefault(FrameSizedBlocks.M_TRIM_THRESHOLD, -1L);
    }
  }

  @Test
  void theLastEncoderToClosePutsTheThresholdsBack() {
    Thresholds glibc = new Thresholds();
    FrameSizedBlocks blocks = new FrameSizedBlocks(KB128, 2 * KB128, glibc);
    blocks.encoderOpened(1_382_400); // 1280x720 I420
    blocks.encoderOpened(3_110_400); // 1920x1080 I420: the larger frame wins
    assertEquals(4 * 3_110_400L, blocks.raisedBytes());
    assertEquals(4 * 3_110_400L, glibc.mmap());
    assertEquals(4 * 3_110_400L, glibc.trim());
    int calls = glibc.calls;
    blocks.encoderClosed();
    assertEquals(calls, glibc.calls, "one encoder still open: nothing moves");
    assertEquals(4 * 3_110_400L, blocks.raisedBytes());
    blocks.encoderClosed();
    assertEquals(0, blocks.raisedBytes());
    assertEquals(KB128, glibc.mmap(), "back to the environment's");
    assertEquals(2 * KB128, glibc.trim(), "back to the environment's");
    calls = glibc.calls;
    blocks.encoderClosed(); // one close too many changes nothing
    assertEquals(calls, glibc.calls);
    assertEquals(0, blocks.raisedBytes());
  }

  @Test
  void withoutAThresholdInTheEnvironmentNothingIsTouched() {
    Thresholds glibc = new Thresholds();
    FrameSizedBlocks blocks = new FrameSizedBlocks(-1, KB128, glibc);
    blocks.encoderOpened(1_382_400);
    assertEquals(0, blocks.raisedBytes(), "glibc adapts its own thresholds then");
    blocks.encoderClosed();
    assertEquals(0, glibc.calls);
  }
}
