package io.mouthpiece.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class FrameWorkerTest {
  private static VideoFrame frame(int index) {
    return new VideoFrame(index, index * 40_000L, new Mat(4, 4, CV_8UC3));
  }

  @Test
  void runsTasksInOrderOnItsOwnThreadAndClosesEveryFrame() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    List<Mat> pixels = new ArrayList<>();
    try (FrameWorker worker = new FrameWorker("test-worker", 2)) {
      for (int i = 0; i < 50; i++) {
        VideoFrame f = frame(i);
        pixels.add(f.pixels());
        worker.submit(f, g -> {
          seen.add(g.index());
          threads.add(Thread.currentThread().getName());
        });
      }
      worker.finish();
    }
    assertEquals(java.util.stream.IntStream.range(0, 50).boxed().toList(), seen);
    assertTrue(threads.stream().allMatch("test-worker"::equals), threads.toString());
    assertTrue(pixels.stream().allMatch(m -> m.isNull()), "every frame closed once its task ran");
  }

  @Test
  void aFailedTaskFailsTheNextSubmitOrTheFinishAndLaterFramesAreClosedUnrun() throws Exception {
    List<Integer> ran = new CopyOnWriteArrayList<>();
    List<Mat> pixels = new ArrayList<>();
    MediaException thrown;
    try (FrameWorker worker = new FrameWorker("test-worker", 4)) {
      for (int i = 0; i < 3; i++) {
        VideoFrame f = frame(i);
        pixels.add(f.pixels());
        try {
          worker.submit(f, g -> {
            ran.add(g.index());
            if (g.index() == 1) {
              throw new MediaException("encoding failed at frame 1");
            }
          });
        } catch (MediaException e) {
          // frame 2 may already be refused: the failure came first
        }
      }
      thrown = assertThrows(MediaException.class, worker::finish);
      VideoFrame late = frame(3);
      pixels.add(late.pixels());
      assertThrows(MediaException.class, () -> worker.submit(late, g -> ran.add(g.index())));
    }
    assertEquals("encoding failed at frame 1", thrown.getMessage());
    assertEquals(List.of(0, 1), ran, "the task after the failed one does not run");
    assertTrue(pixels.stream().allMatch(m -> m.isNull()), "every frame closed, run or not");
  }

  @Test
  void closingWithoutFinishingDropsWhatIsQueued() throws Exception {
    List<Mat> pixels = new ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch firstStarted = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    FrameWorker worker = new FrameWorker("test-worker", 4);
    for (int i = 0; i < 4; i++) {
      VideoFrame f = frame(i);
      pixels.add(f.pixels());
      worker.submit(f, g -> {
        ran.incrementAndGet();
        firstStarted.countDown();
        try {
          never.await(); // until close() interrupts it
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    firstStarted.await();
    worker.close();
    assertEquals(1, ran.get(), "the three frames still queued are dropped, their tasks not run");
    assertTrue(pixels.stream().allMatch(m -> m.isNull()), "every frame closed, the running one and the dropped ones");
  }
}
