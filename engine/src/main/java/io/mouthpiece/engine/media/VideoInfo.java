package io.mouthpiece.engine.media;

/**
 * What a video file holds, read from its headers before decoding.
 *
 * @param frameRate the nominal rate (the stream's r_frame_rate); a variable-rate file's frames
 *     may come less often, so never derive times from it: use each frame's timestamp
 * @param durationUs the video stream's duration in microseconds, from the container
 * @param frameCountHint the container's frame count, 0 when the container does not say
 * @param audioSampleRate 0 when there is no audio stream
 */
public record VideoInfo(
    String container,
    String videoCodec,
    int width,
    int height,
    Rational frameRate,
    long durationUs,
    long frameCountHint,
    boolean hasAudio,
    int audioSampleRate,
    int audioChannels) {

  public long durationMs() {
    return Math.round(durationUs / 1000.0);
  }

  /**
   * When the video ends, given its last frame's timestamp: the container's duration, or the last
   * frame's time plus one nominal frame if that is later (some files state a duration that ends
   * at the last frame's start).
   */
  public long endUs(long lastFrameUs) {
    return Math.max(durationUs, lastFrameUs + Math.round(1e6 * frameRate.den() / frameRate.num()));
  }
}
