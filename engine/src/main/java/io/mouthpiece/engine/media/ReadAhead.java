package io.mouthpiece.engine.media;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Decodes on a thread of its own, a few frames ahead of the caller, so decoding and analysis
 * use both cores. The queue is bounded: memory stays at a few frames whatever the length.
 */
public final class ReadAhead implements AutoCloseable {
  private static final int DEPTH = 4;

  private final VideoReader reader;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH);
  private final Thread thread;
  private volatile boolean stopped;
  private boolean ended;

  private static final Object END = new Object();

  public ReadAhead(VideoReader reader) {
    this.reader = reader;
    this.thread = new Thread(this::decode, "decode-ahead");
    thread.setDaemon(true);
    thread.start();
  }

  public VideoInfo info() {
    return reader.info();
  }

  private void decode() {
    try {
      while (!stopped) {
        Optional<VideoFrame> frame = reader.read();
        if (frame.isEmpty()) {
          break;
        }
        queue.put(frame.get());
      }
      queue.put(END);
    } catch (MediaException e) {
      putQuietly(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      putQuietly(new MediaException("decoding failed: " + e, e));
    }
  }

  private void putQuietly(Object item) {
    try {
      queue.put(item);
    } catch (InterruptedException ignored) {
      Thread.currentThread().interrupt();
    }
  }

  /** The next frame, or empty at the end; the caller owns and closes it. */
  public Optional<VideoFrame> read() throws MediaException {
    if (ended) {
      return Optional.empty();
    }
    Object item;
    try {
      item = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MediaException("interrupted while decoding", e);
    }
    if (item instanceof VideoFrame frame) {
      return Optional.of(frame);
    }
    ended = true;
    if (item instanceof MediaException e) {
      throw e;
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Object item;
    while ((item = queue.poll()) != null) {
      if (item instanceof VideoFrame frame) {
        frame.close();
      }
    }
    reader.close();
  }
}
