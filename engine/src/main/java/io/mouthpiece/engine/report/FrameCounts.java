package io.mouthpiece.engine.report;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One face's frames by what the render did with them. {@code rendered + outsideWindow} plus the
 * passed-through counts is every frame of the video.
 *
 * @param total the video's frames
 * @param inWindow frames inside the speech's window on the timeline
 * @param rendered frames whose mouth was re-rendered
 * @param outsideWindow frames before or after the window (the source's own, by design)
 * @param passedThrough frames inside the window left as they were, by reason; only reasons that occurred
 * @param renderedTurnedAway re-rendered frames where the head was turned past what the library takes
 *     ({@link io.mouthpiece.engine.mouth.MouthLibrary#turned}): a mouth from a frontal frame drawn on a turned head
 */
public record FrameCounts(int total, int inWindow, int rendered, int outsideWindow, Map<FrameFate, Integer> passedThrough,
    int renderedTurnedAway) {
  public FrameCounts {
    // A copy in the fates' order, so a report lists its reasons the same way every time.
    Map<FrameFate, Integer> copy = new EnumMap<>(FrameFate.class);
    copy.putAll(passedThrough);
    passedThrough = Collections.unmodifiableMap(copy);
  }

  /** Frames inside the window left as they were, for any reason. */
  public int passedThroughTotal() {
    return passedThrough.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Counts the fates; {@code turned[i]}: the face was seen turned away in frame i. */
  static FrameCounts of(FrameFate[] fates, boolean[] turned) {
    Map<FrameFate, Integer> passed = new EnumMap<>(FrameFate.class);
    int rendered = 0;
    int outside = 0;
    int renderedTurned = 0;
    for (int i = 0; i < fates.length; i++) {
      FrameFate f = fates[i];
      if (f == FrameFate.RENDERED) {
        rendered++;
        renderedTurned += turned[i] ? 1 : 0;
      } else if (f == FrameFate.OUTSIDE_WINDOW) {
        outside++;
      } else {
        passed.merge(f, 1, Integer::sum);
      }
    }
    return new FrameCounts(fates.length, fates.length - outside, rendered, outside, passed, renderedTurned);
  }
}
