package io.mouthpiece.engine.media;

/**
 * Interleaved float PCM read forward in blocks, at a fixed rate and channel count. Lets the
 * soundtrack flow from decoder through mixer to encoder without holding all of it.
 */
public interface AudioStream extends AutoCloseable {
  int sampleRate();

  int channels();

  /**
   * Reads up to {@code maxFrames} sample frames into {@code dst} (interleaved, from index 0).
   *
   * @return the number of sample frames read; 0 only at the end of the stream
   */
  int read(float[] dst, int maxFrames) throws MediaException;

  @Override
  default void close() {}
}
