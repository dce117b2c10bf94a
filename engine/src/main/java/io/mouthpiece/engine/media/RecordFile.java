package io.mouthpiece.engine.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * Fixed-size records, one per frame, in a temporary file rather than in memory: what a pass keeps
 * for every frame of a video of any length, read back one frame at a time, so the page cache
 * serves it and the process's memory does not grow with the video's length. Record {@code i} is at
 * {@code i × recordBytes}; the file is deleted on close. {@code what} names the records in errors.
 */
public final class RecordFile implements AutoCloseable {
  private final int recordBytes;
  private final String what;
  private final FileChannel channel;

  public RecordFile(int recordBytes, String what) {
    this.recordBytes = recordBytes;
    this.what = what;
    try {
      channel = FileChannel.open(Files.createTempFile("mouthpiece-" + what.replace(' ', '-') + "-", ".bin"),
          StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file for " + what + ": " + e.getMessage(), e);
    }
  }

  /** Stores record {@code index} from {@code record}'s remaining bytes (exactly one record; any order). */
  public synchronized void write(int index, ByteBuffer record) {
    try {
      long at = (long) index * recordBytes;
      while (record.hasRemaining()) {
        at += channel.write(record, at);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + what + " to a temporary file (disk full?): " + e.getMessage(), e);
    }
  }

  /** Reads record {@code index}, which must have been written, into {@code record} (cleared first, then flipped). */
  public synchronized void read(int index, ByteBuffer record) {
    record.clear();
    record.limit(recordBytes);
    try {
      long at = (long) index * recordBytes;
      while (record.hasRemaining()) {
        int n = channel.read(record, at);
        if (n < 0) {
          throw new IllegalStateException("no " + what + " stored for frame " + index);
        }
        at += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + what + " back from their temporary file: " + e.getMessage(), e);
    }
    record.flip();
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
