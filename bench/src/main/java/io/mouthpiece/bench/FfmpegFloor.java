package io.mouthpiece.bench;

import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * The machine's floor for reading a video: FFmpeg decoding every frame of the file with its own
 * threads and no pixel conversion, through the same FFmpeg libraries the engine uses.
 */
final class FfmpegFloor {
  private FfmpegFloor() {}

  /** Seconds to decode every video frame; the frame count is returned through {@code frames[0]}. */
  static double decodeSeconds(Path video, long[] frames) throws Exception {
    long start = System.nanoTime();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
      grabber.setVideoOption("threads", "auto");
      // RAW: the decoder's own pictures, without JavaCV's swscale conversion to BGR.
      grabber.setImageMode(org.bytedeco.javacv.FrameGrabber.ImageMode.RAW);
      grabber.start();
      long n = 0;
      while (grabber.grabImage() != null) {
        n++;
      }
      frames[0] = n;
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
