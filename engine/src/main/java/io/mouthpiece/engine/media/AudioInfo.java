package io.mouthpiece.engine.media;

/**
 * What an audio stream holds, read from the file's headers before decoding.
 *
 * @param durationUs the audio stream's duration from the container; decoding may differ from it by
 *     a codec frame's padding, and a file without a duration in its headers reports 0
 * @param sampleRate the stream's own rate in Hz, before any conversion
 * @param channels the stream's own channel count
 * @param codec FFmpeg's codec name, e.g. "pcm_s16le", "aac", "mp3"
 */
public record AudioInfo(long durationUs, int sampleRate, int channels, String codec) {
  public long durationMs() {
    return Math.round(durationUs / 1000.0);
  }
}
