package io.mouthpiece.engine.media;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Lets glibc keep frame-sized blocks in its heap while a video is being encoded. FFmpeg copies every
 * frame given to the encoder into a new block and frees it soon after. Under the launcher's fixed
 * 128 kB thresholds (which keep the analysis's memory flat in length) each such block was mapped
 * afresh or, freed at the heap's top, handed back to the system at once; either way the next frame's
 * block was faulted in page by page: about 1 s of kernel time a minute of 720p on the encoder's
 * thread, the thread that bounds the render. While any encoder is open both thresholds are raised
 * above a few frames' size; when the last one closes they go back to what the environment set. Only
 * thresholds set in the environment are touched (without them glibc adapts its own after the first
 * frame); where the C library has no {@code mallopt} (not glibc) nothing changes.
 */
final class FrameSizedBlocks {
  /** glibc refuses an mmap threshold above 32 MB on 64-bit machines (DEFAULT_MMAP_THRESHOLD_MAX). */
  static final long MAX_BYTES = 32L << 20;
  /** Blocks kept at the heap's top before trimming, in frames: a frame in flight and its copy. */
  private static final int FRAMES_KEPT = 4;

  /** glibc's mallopt parameters, and the value each has when the environment sets none. */
  static final int M_TRIM_THRESHOLD = -1;
  static final int M_MMAP_THRESHOLD = -3;
  private static final long GLIBC_DEFAULT = 128 * 1024;
  private interface LibC extends Library {
    int mallopt(int param, int value);
  }

  /** What sets a threshold: glibc's mallopt in the process; true when it took. */
  interface Mallopt {
    boolean set(int param, long bytes);
  }

  private static final LibC LIBC = load();

  /** The one the encoders share: the thresholds are the process's. */
  static final FrameSizedBlocks PROCESS = new FrameSizedBlocks(fromEnv("MALLOC_MMAP_THRESHOLD_", -1),
      fromEnv("MALLOC_TRIM_THRESHOLD_", GLIBC_DEFAULT), FrameSizedBlocks::mallopt);

  /** The thresholds outside encoding; a negative mmap threshold: none set, glibc adapts both itself. */
  private final long restingMmap;
  private final long restingTrim;
  private final Mallopt mallopt;
  private int open;
  private long raised;

  FrameSizedBlocks(long restingMmap, long restingTrim, Mallopt mallopt) {
    this.restingMmap = restingMmap;
    this.restingTrim = restingTrim;
    this.mallopt = mallopt;
  }

  /** Called as an encoder opens: frames of {@code frameBytes} stay in the heap until every encoder closes. */
  synchronized void encoderOpened(long frameBytes) {
    open++;
    long want = Math.min(MAX_BYTES, FRAMES_KEPT * frameBytes);
    if (want > raised && setAll(want)) {
      raised = want;
    }
  }

  /** Called as an encoder closes; the last one to close puts the environment's thresholds back. */
  synchronized void encoderClosed() {
    if (open > 0 && --open == 0 && raised > 0) {
      setAll(-1);
      raised = 0;
    }
  }

  /** The size both thresholds are raised to now; 0 when they are at rest. */
  synchronized long raisedBytes() {
    return raised;
  }

  /** Sets both thresholds to {@code bytes} (never below their resting values), or back to rest for -1. */
  private boolean setAll(long bytes) {
    if (restingMmap < 0) {
      return false;
    }
    boolean mmap = mallopt.set(M_MMAP_THRESHOLD, bytes < 0 ? restingMmap : Math.max(restingMmap, bytes));
    boolean trim = mallopt.set(M_TRIM_THRESHOLD, bytes < 0 ? restingTrim : Math.max(restingTrim, bytes));
    return mmap || trim; // either raised is one to put back
  }

  private static long fromEnv(String name, long otherwise) {
    try {
      String v = System.getenv(name);
      return v == null ? otherwise : Math.max(0, Math.min(MAX_BYTES, Long.parseLong(v.trim())));
    } catch (NumberFormatException e) {
      return otherwise; // glibc ignores a value it cannot read; so do we
    }
  }

  private static boolean mallopt(int param, long bytes) {
    try {
      return LIBC != null && LIBC.mallopt(param, (int) bytes) == 1;
    } catch (UnsatisfiedLinkError e) {
      return false; // a C library without mallopt
    }
  }

  private static LibC load() {
    try {
      return Native.load("c", LibC.class);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return null; // not glibc, or no C library JNA can load: frames are then mapped afresh, as before
    }
  }
}
