package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.face.FaceLandmarks;
import io.mouthpiece.engine.media.RecordFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One face's landmarks for every frame, kept in a temporary file rather than in memory
 * ({@link RecordFile}): 5.6 kB a frame is 8 MB a minute of 25 fps video, and it is read back one
 * frame at a time by the render pass.
 */
final class LandmarkFile implements AutoCloseable {
  static final int RECORD_BYTES = FaceLandmarks.COUNT * 3 * Float.BYTES;

  private final RecordFile records = new RecordFile(RECORD_BYTES, "face landmarks");
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(RECORD_BYTES).order(ByteOrder.nativeOrder());

  /** Stores frame {@code frameIndex}'s landmarks (frames may come in any order). */
  synchronized void write(int frameIndex, FaceLandmarks l) {
    buffer.clear();
    buffer.asFloatBuffer().put(l.xyz());
    buffer.limit(RECORD_BYTES);
    records.write(frameIndex, buffer);
  }

  /** The landmarks stored for frame {@code frameIndex}; it must have been written. */
  synchronized FaceLandmarks read(int frameIndex) {
    records.read(frameIndex, buffer);
    float[] xyz = new float[FaceLandmarks.COUNT * 3];
    buffer.asFloatBuffer().get(xyz);
    return new FaceLandmarks(xyz);
  }

  @Override
  public void close() {
    records.close();
  }
}
