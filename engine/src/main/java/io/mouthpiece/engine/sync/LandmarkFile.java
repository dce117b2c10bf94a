package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.face.FaceLandmarks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * One face's landmarks for every frame, kept in a temporary file rather than in memory: 5.6 kB a
 * frame is 8 MB a minute of 25 fps video, and it is read back one frame at a time by the render
 * pass, so the page cache serves it and the process's memory does not grow with the video's
 * length. Fixed-size records at {@code frameIndex × 5616} bytes; the file is deleted on close.
 */
final class LandmarkFile implements AutoCloseable {
  static final int RECORD_BYTES = FaceLandmarks.COUNT * 3 * Float.BYTES;

  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(RECORD_BYTES).order(ByteOrder.nativeOrder());

  LandmarkFile() {
    try {
      channel = FileChannel.open(Files.createTempFile("mouthpiece-landmarks-", ".bin"), StandardOpenOption.READ,
          StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file for face landmarks: " + e.getMessage(), e);
    }
  }

  /** Stores frame {@code frameIndex}'s landmarks (frames may come in any order). */
  synchronized void write(int frameIndex, FaceLandmarks l) {
    buffer.clear();
    buffer.asFloatBuffer().put(l.xyz());
    buffer.limit(RECORD_BYTES);
    try {
      long at = (long) frameIndex * RECORD_BYTES;
      while (buffer.hasRemaining()) {
        at += channel.write(buffer, at);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write face landmarks to a temporary file (disk full?): " + e.getMessage(), e);
    }
  }

  /** The landmarks stored for frame {@code frameIndex}; it must have been written. */
  synchronized FaceLandmarks read(int frameIndex) {
    buffer.clear();
    try {
      long at = (long) frameIndex * RECORD_BYTES;
      while (buffer.hasRemaining()) {
        int n = channel.read(buffer, at);
        if (n < 0) {
          throw new IllegalStateException("no landmarks stored for frame " + frameIndex);
        }
        at += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read face landmarks back from their temporary file: " + e.getMessage(), e);
    }
    buffer.flip();
    float[] xyz = new float[FaceLandmarks.COUNT * 3];
    buffer.asFloatBuffer().get(xyz);
    return new FaceLandmarks(xyz);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // The file is deleted on close; a failure here leaves only a temp file for the OS to clean.
    }
  }
}
