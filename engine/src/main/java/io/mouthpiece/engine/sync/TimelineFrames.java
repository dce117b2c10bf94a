package io.mouthpiece.engine.sync;

import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.ReadAhead;
import io.mouthpiece.engine.media.VideoFrame;
import io.mouthpiece.engine.media.VideoReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The source's frames in the order an extended {@link OutputTimeline} shows them, for the render
 * pass. In: the video and the timeline. Out: per output frame a copy of the source frame it shows,
 * carrying the output's index and time, owned by the caller (mouths are drawn on it, so a frame
 * shown twice must not share pixels). Memory stays bounded whatever the length:
 * <ul>
 *   <li>forward (the source, a loop, a remap's held frames): one decoder, read ahead; a loop's
 *       return towards the start opens the file again;
 *   <li>backward (a bounce): a window of at most {@link #WINDOW_BYTES} of frames, filled by decoding
 *       from the start (frames before the window are decoded but not converted) and handed out
 *       from its end down. Each window costs a decode of the frames before it: a backward pass
 *       over n frames decodes about n² / (2 × window) frames; 125 frames of 844x844 take 3
 *       windows. Seeking would be cheaper on long videos, but an exact frame after a seek depends
 *       on the file's keyframes and timestamps, and this order is the analysis's by construction.
 * </ul>
 */
final class TimelineFrames implements AutoCloseable {
  /** The most the backward window holds: 64 MB, about 46 frames of 720p or 20 of 1080p. */
  static final long WINDOW_BYTES = 64L << 20;
  /** The fewest frames a window holds, however large they are. */
  private static final int MIN_WINDOW_FRAMES = 4;

  private final Path video;
  private final OutputTimeline timeline;
  private final int windowFrames;
  private ReadAhead forward;
  /** The last frame the forward decoder gave, and the index the one after it will have. */
  private VideoFrame held;
  private int forwardNext;
  private final Map<Integer, VideoFrame> window = new HashMap<>();
  private int next;

  TimelineFrames(Path video, OutputTimeline timeline, int width, int height) {
    this.video = video;
    this.timeline = timeline;
    long frameBytes = (long) width * height * 3 / 2;
    this.windowFrames = (int) Math.max(MIN_WINDOW_FRAMES, WINDOW_BYTES / frameBytes);
  }

  /** Output frame after output frame, empty after the timeline's last; fails when the file gives fewer frames. */
  Optional<VideoFrame> read() throws MediaException {
    if (next == timeline.frames()) {
      return Optional.empty();
    }
    int j = next++;
    int s = timeline.sourceFrames()[j];
    return Optional.of(source(j, s).copy(j, timeline.timesUs()[j]));
  }

  private VideoFrame source(int j, int s) throws MediaException {
    VideoFrame kept = window.get(s);
    if (kept != null) {
      return kept;
    }
    if (held != null && held.index() == s) {
      return held;
    }
    boolean backward = j + 1 < timeline.frames() && timeline.sourceFrames()[j + 1] == s - 1;
    if (backward) {
      fillWindow(s);
      return window.get(s);
    }
    if (forward == null || s < forwardNext) {
      openForward(s);
    }
    while (forwardNext <= s) {
      if (held != null) {
        held.close();
        held = null;
      }
      held = read(forward, s);
      forwardNext = held.index() + 1;
    }
    return held;
  }

  /** Source frames {@code top - windowFrames + 1 .. top} into the window, copied out of the decoder's pool. */
  private void fillWindow(int top) throws MediaException {
    clearWindow();
    int bottom = Math.max(0, top - windowFrames + 1);
    try (ReadAhead frames = new ReadAhead(VideoReader.open(video, VideoFrame.Layout.I420), i -> i >= bottom && i <= top)) {
      for (int s = bottom; s <= top; s++) {
        try (VideoFrame f = read(frames, top)) {
          window.put(f.index(), f.copy(f.index(), f.timestampUs()));
        }
      }
    }
  }

  /** A decoder from the start again, handing out frames from {@code from} on (those before are decoded, not converted). */
  private void openForward(int from) throws MediaException {
    if (forward != null) {
      forward.close();
    }
    if (held != null) {
      held.close();
      held = null;
    }
    forward = new ReadAhead(VideoReader.open(video, VideoFrame.Layout.I420), i -> i >= from);
    forwardNext = from;
  }

  private static VideoFrame read(ReadAhead frames, int wanted) throws MediaException {
    Optional<VideoFrame> f = frames.read();
    if (f.isEmpty()) {
      throw new MediaException("the video ended before frame " + wanted + " on reading it again; is the file changing?");
    }
    return f.get();
  }

  private void clearWindow() {
    window.values().forEach(VideoFrame::close);
    window.clear();
  }

  @Override
  public void close() {
    clearWindow();
    if (held != null) {
      held.close();
    }
    if (forward != null) {
      forward.close();
    }
  }
}
