package io.mouthpiece.engine.quality;

import io.mouthpiece.engine.face.TrackedFace;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which of a frame's faces is measured. In: the faces the tracker found in one frame. Out: one of
 * them, or empty when there are none.
 */
@FunctionalInterface
public interface FaceChoice {
  /** The chosen face among this frame's faces; empty when the list is. */
  Optional<TrackedFace> choose(List<TrackedFace> faces);

  /** The largest face (landmark bounds area): the speaker in a talking-head shot. */
  static FaceChoice largest() {
    return faces -> faces.stream().max(Comparator.comparingDouble(f -> area(f.smoothed().bounds())));
  }

  /** The face whose landmark-box centre is nearest the point (frame pixels). */
  static FaceChoice nearest(double xPx, double yPx) {
    return faces -> faces.stream().min(Comparator.comparingDouble(f -> {
      double[] b = f.smoothed().bounds();
      return Math.hypot((b[0] + b[2]) / 2 - xPx, (b[1] + b[3]) / 2 - yPx);
    }));
  }

  private static double area(double[] bounds) {
    return (bounds[2] - bounds[0]) * (bounds[3] - bounds[1]);
  }
}
