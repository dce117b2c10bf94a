package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.media.Rational;
import io.mouthpiece.engine.rules.SyncMode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * The output video's frames: for each, the source frame it shows and its time. In: the source's
 * frame times and end (the analysis), the resolved dubs and their modes. Out: the source's own
 * timeline when no dub needs more room (every request Kling's clients send), else the source
 * played to the latest end a dub needs: again from near its start (loop, from the frame that joins
 * its end best: {@link LoopJoin}), back and forth (bounce), or slowed (remap). Planning reads the face of the source frame shown and the speech at the output
 * time; the render pass reads the source frames in this order.
 *
 * @param sourceFrames per output frame, the source frame it shows
 * @param timesUs per output frame, its presentation time, strictly increasing
 * @param endUs where the output ends: its last frame's end
 * @param mode the mode that extended the video; null when it is the source's own timeline
 */
record OutputTimeline(int[] sourceFrames, long[] timesUs, long endUs, SyncMode mode) {

  /**
   * The mode that extends the video for these dubs, or null when every piece fits (or runs past
   * the end in a mode that does not extend). The rules let one extending mode through.
   */
  static SyncMode extension(List<ResolvedDub> dubs, long sourceEndUs) {
    return dubs.stream().map(ResolvedDub::dub).filter(d -> d.mode().extendsVideo() && d.insertEndMs() * 1000 > sourceEndUs)
        .map(FaceDub::mode).findFirst().orElse(null);
  }

  /**
   * The timeline the dubs need over a source with these frame times, ending at {@code sourceEndUs}:
   * extended to the latest end a dub of the {@link #extension} mode needs.
   *
   * @param loopFromFrame where a loop starts again ({@link LoopJoin}); read for a loop only
   */
  static OutputTimeline of(List<ResolvedDub> dubs, long[] sourceTimesUs, long sourceEndUs, Rational frameRate,
      int loopFromFrame) {
    SyncMode mode = extension(dubs, sourceEndUs);
    if (mode == null) {
      return source(sourceTimesUs, sourceEndUs);
    }
    long needUs = dubs.stream().map(ResolvedDub::dub).filter(d -> d.mode() == mode)
        .mapToLong(d -> d.insertEndMs() * 1000).max().orElseThrow();
    return mode == SyncMode.REMAP ? remap(sourceTimesUs, sourceEndUs, needUs, frameRate)
        : replay(sourceTimesUs, sourceEndUs, needUs, mode, loopFromFrame);
  }

  /** The source's own frames at their own times. */
  static OutputTimeline source(long[] sourceTimesUs, long sourceEndUs) {
    int[] frames = new int[sourceTimesUs.length];
    Arrays.setAll(frames, i -> i);
    return new OutputTimeline(frames, sourceTimesUs.clone(), sourceEndUs, null);
  }

  /**
   * Loop or bounce: the source as it is, then its frames again (from {@code loopFromFrame} to the
   * end, or backwards and forwards, never showing a turning frame twice in a row), each lasting as
   * long as it does in the source, until a frame reaches {@code needUs}.
   */
  static OutputTimeline replay(long[] t, long sourceEndUs, long needUs, SyncMode mode, int loopFromFrame) {
    int n = t.length;
    IntStream.Builder frames = IntStream.builder();
    LongStream.Builder times = LongStream.builder();
    for (int i = 0; i < n; i++) {
      frames.add(i);
      times.add(t[i]);
    }
    int s = n - 1;
    int step = 1;
    long at = sourceEndUs;
    while (at < needUs) {
      if (mode == SyncMode.LOOP) {
        s = s + 1 < n ? s + 1 : loopFromFrame;
      } else if (n > 1) {
        if (s + step < 0 || s + step >= n) {
          step = -step;
        }
        s += step;
      }
      frames.add(s);
      times.add(at);
      at += duration(t, sourceEndUs, s);
    }
    return new OutputTimeline(frames.build().toArray(), times.build().toArray(), at, mode);
  }

  /**
   * Remap: the source slowed to end at {@code needUs}, as frames at its nominal rate, each
   * showing the source frame on screen at the output time divided by the slowdown (frames repeat,
   * none is skipped).
   */
  static OutputTimeline remap(long[] t, long sourceEndUs, long needUs, Rational frameRate) {
    double slowdown = needUs / (double) sourceEndUs;
    double frameUs = 1e6 * frameRate.den() / frameRate.num();
    int count = (int) Math.ceil(needUs / frameUs - 1e-9);
    int[] frames = new int[count];
    long[] times = new long[count];
    int s = 0;
    for (int j = 0; j < count; j++) {
      times[j] = Math.round(j * frameUs);
      double sourceUs = times[j] / slowdown;
      while (s + 1 < t.length && t[s + 1] <= sourceUs) {
        s++;
      }
      frames[j] = s;
    }
    return new OutputTimeline(frames, times, Math.round(count * frameUs), SyncMode.REMAP);
  }

  /** How long source frame {@code s} is on screen: to the next frame, or to the source's end. */
  private static long duration(long[] t, long sourceEndUs, int s) {
    return Math.max(1, (s + 1 < t.length ? t[s + 1] : sourceEndUs) - t[s]);
  }

  int frames() {
    return sourceFrames.length;
  }

  /** Whether this is the source's own timeline, which the render pass walks as it always has. */
  boolean isSource() {
    return mode == null;
  }
}
