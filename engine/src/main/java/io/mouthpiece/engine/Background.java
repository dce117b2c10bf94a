package io.mouthpiece.engine;

import io.mouthpiece.engine.media.MediaException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One task run on a named daemon thread of its own while the caller goes on, its result awaited
 * later: the source's sound decoded while a walk tracks faces, a video hashed while FFmpeg loads.
 *
 * @param <T> what the task gives
 */
public final class Background<T> {
  /** The work: it may throw the media errors the awaiting caller reports. */
  @FunctionalInterface
  public interface Task<T> {
    T call() throws MediaException;
  }

  private final CompletableFuture<T> result = new CompletableFuture<>();

  private Background() {}

  /** Starts {@code task} on a daemon thread called {@code name}. */
  public static <T> Background<T> start(String name, Task<T> task) {
    Background<T> b = new Background<>();
    DaemonThreads.named(name).newThread(() -> {
      try {
        b.result.complete(task.call());
      } catch (MediaException | RuntimeException | Error e) {
        b.result.completeExceptionally(e);
      }
    }).start();
    return b;
  }

  /** A result known now, with no thread: where there is nothing to do in the background. */
  public static <T> Background<T> done(T value) {
    Background<T> b = new Background<>();
    b.result.complete(value);
    return b;
  }

  /** Waits for the task; what it threw is thrown here as it was. */
  public T await() throws MediaException {
    return await(result, "work in the background");
  }

  /**
   * Waits for {@code result}, work done on another thread: a {@link MediaException} it threw is
   * thrown here as it was (its type, its cause and the message a user can act on), so is anything
   * unchecked (a bug); any other failure becomes a MediaException saying it could not read {@code what}.
   */
  public static <T> T await(Future<T> result, String what) throws MediaException {
    try {
      return result.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof MediaException m) {
        throw m;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new MediaException("could not read " + what + ": " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MediaException("interrupted while waiting for " + what, e);
    }
  }
}
