package io.mouthpiece.engine.media;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * Keeps FFmpeg's own log quiet. Errors reach callers as {@link MediaException}s; FFmpeg's
 * chatter (x264 statistics, muxer notes) would only clutter stderr, whose stdout-clean
 * commands and progress bars must stay readable.
 */
final class FfmpegLog {
  static {
    avutil.av_log_set_level(avutil.AV_LOG_FATAL);
  }

  private FfmpegLog() {}

  /** Loads this class, which quiets the log once; every media entry point calls it. */
  static void quiet() {}
}
