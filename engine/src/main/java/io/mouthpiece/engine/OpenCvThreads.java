package io.mouthpiece.engine;

import org.bytedeco.opencv.global.opencv_core;

/**
 * Runs OpenCV's functions on the thread that calls them, never split over OpenCV's own pool. The
 * engine keeps the cores busy itself (decoding, tracking, cutting mouths and encoding each on a
 * thread of its own), so the pool's workers found them taken and spun in sched_yield waiting for
 * one. Measured on the bench's minute of 720p on 2 cores, seven cold pairs: 0.3-0.9 s less kernel
 * time a sync in every pair, and the same output, byte for byte.
 */
public final class OpenCvThreads {
  private static boolean set;

  private OpenCvThreads() {}

  /**
   * Makes OpenCV sequential for this process. Only the first call sets it: the setting is the
   * process's, and changing it while another job's call is inside OpenCV is not safe.
   */
  public static synchronized void sequential() {
    if (!set) {
      opencv_core.setNumThreads(1);
      set = true;
    }
  }
}
