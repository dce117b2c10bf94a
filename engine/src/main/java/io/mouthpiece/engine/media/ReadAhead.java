package io.mouthpiece.engine.media;

import io.mouthpiece.engine.DaemonThreads;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntPredicate;

/**
 * Decodes on a thread of its own, a few frames ahead of the caller, so decoding and analysis
 * use both cores. The queue is bounded: memory stays at a few frames whatever the length.
 * Frames the caller does not want are decoded (they have to be) but not converted or queued.
 */
public final class ReadAhead implements AutoCloseable {
  private static final int DEPTH = 4;
  private static final Object END = new Object();

  private final VideoReader reader;
  private final IntPredicate wanted;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH);
  private final Thread thread;
  private volatile boolean stopped;
  private volatile int framesDecoded;
  private volatile long lastTimestampUs = -1;
  private boolean ended;

  /** Hands out every frame. */
  public ReadAhead(VideoReader reader) {
    this(reader, index -> true);
  }

  /** Hands out the frames whose index {@code wanted} accepts. */
  public ReadAhead(VideoReader reader, IntPredicate wanted) {
    this.reader = reader;
    this.wanted = wanted;
    this.thread = DaemonThreads.named("decode-ahead").newThread(this::decode);
    thread.start();
  }

  public VideoInfo info() {
    return reader.info();
  }

  private void decode() {
    try {
      for (int index = 0; !stopped; index++) {
        if (wanted.test(index)) {
          Optional<VideoFrame> frame = reader.read();
          if (frame.isEmpty()) {
            break;
          }
          lastTimestampUs = frame.get().timestampUs();
          framesDecoded = index + 1;
          queue.put(frame.get());
        } else {
          OptionalLong timestampUs = reader.skip();
          if (timestampUs.isEmpty()) {
            break;
          }
          lastTimestampUs = timestampUs.getAsLong();
          framesDecoded = index + 1;
        }
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

  /** The next wanted frame, or empty at the end; the caller owns and closes it. */
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

  /** Frames decoded so far, wanted or not; all of the video's once {@link #read()} is empty. */
  public int framesDecoded() {
    return framesDecoded;
  }

  /** The timestamp of the last frame decoded, wanted or not; -1 before the first. */
  public long lastTimestampUs() {
    return lastTimestampUs;
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    DaemonThreads.joinUninterruptibly(thread, 5_000);
    Object item;
    while ((item = queue.poll()) != null) {
      if (item instanceof VideoFrame frame) {
        frame.close();
      }
    }
    reader.close();
  }
}
