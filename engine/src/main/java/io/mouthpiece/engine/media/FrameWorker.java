package io.mouthpiece.engine.media;

import io.mouthpiece.engine.DaemonThreads;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Work on frames done on a thread of its own, a few frames behind the caller: the mirror of
 * {@link ReadAhead}. Encoding (x264 blocks while its threads are busy; the soundtrack is mixed and
 * AAC-encoded on the same call) or cutting a face's mouth for its library, while the caller goes on
 * with the next frame, so both cores stay busy. Tasks run in the order given. The queue is
 * bounded, so memory stays at a few frames whatever the length. A frame submitted is the worker's:
 * it closes each once its task ran, or without running it after an earlier task failed.
 */
public final class FrameWorker implements AutoCloseable {
  /** What to do with one frame, on the worker's thread. */
  @FunctionalInterface
  public interface Task {
    void run(VideoFrame frame) throws MediaException;
  }

  private record Job(VideoFrame frame, Task task) {}

  private static final Job END = new Job(null, null);

  private final BlockingQueue<Job> queue;
  private final Thread thread;
  /** The first task's failure; once set, later frames are closed without their task. */
  private volatile MediaException failure;
  /** Nanoseconds spent in tasks; written by the worker's thread, read after {@link #finish()}. */
  private long busyNs;
  private boolean ended;

  /**
   * Starts the thread.
   *
   * @param name the thread's name
   * @param depth how many frames may wait for it
   */
  public FrameWorker(String name, int depth) {
    this.queue = new ArrayBlockingQueue<>(depth);
    this.thread = DaemonThreads.named(name).newThread(this::work);
    thread.start();
  }

  private void work() {
    try {
      for (Job job = queue.take(); job != END; job = queue.take()) {
        try (VideoFrame frame = job.frame()) {
          if (failure == null) {
            long start = System.nanoTime();
            job.task().run(frame);
            busyNs += System.nanoTime() - start;
          }
        } catch (MediaException e) {
          failure = e;
        } catch (RuntimeException | Error e) {
          // An Error too: a thread that died with no failure set would leave submit() blocked on a full queue.
          failure = new MediaException(e.toString(), e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Queues {@code task} on {@code frame}, taking the frame: the caller must not touch or close it
   * afterwards, even when this throws.
   *
   * @throws MediaException when an earlier task failed (the frame is closed)
   */
  public void submit(VideoFrame frame, Task task) throws MediaException {
    try {
      throwIfFailed();
      if (ended) {
        throw new IllegalStateException("frame " + frame.index() + " submitted after finish()");
      }
      queue.put(new Job(frame, task));
    } catch (InterruptedException e) {
      frame.close();
      Thread.currentThread().interrupt();
      throw new MediaException("interrupted while handing a frame over", e);
    } catch (MediaException | RuntimeException e) {
      frame.close();
      throw e;
    }
  }

  /** Waits for every queued task; throws the first failure, if one failed. */
  public void finish() throws MediaException {
    if (!ended) {
      ended = true;
      try {
        queue.put(END);
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MediaException("interrupted while waiting for the frames handed over", e);
      }
    }
    throwIfFailed();
  }

  /**
   * Seconds the thread spent running tasks, once {@link #finish()} returned: near the caller's own
   * time, the worker is what bounds the pace.
   */
  public double busySeconds() {
    return busyNs / 1e9;
  }

  private void throwIfFailed() throws MediaException {
    MediaException e = failure;
    if (e != null) {
      throw new MediaException(e.getMessage(), e);
    }
  }

  /** Stops, dropping the frames still queued (closed, their tasks not run), unless {@link #finish()} returned. */
  @Override
  public void close() {
    if (!ended) {
      ended = true;
      thread.interrupt();
    }
    DaemonThreads.joinUninterruptibly(thread, 5_000);
    Job job;
    while ((job = queue.poll()) != null) {
      if (job.frame() != null) {
        job.frame().close();
      }
    }
  }
}
