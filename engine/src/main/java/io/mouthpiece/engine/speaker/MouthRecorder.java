package io.mouthpiece.engine.speaker;

import io.mouthpiece.engine.face.FaceObserver;
import io.mouthpiece.engine.face.TrackedFace;
import io.mouthpiece.engine.mouth.MouthParams;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects each face's mouth ({@link MouthParams}) while the faces are tracked. In: faces frame by frame, in
 * time order (as identify's walk tells them, or added by hand). Out: one {@link MouthSeries} per
 * face_id. A few numbers a frame, so a long video costs little.
 */
public final class MouthRecorder implements FaceObserver {
  private final Map<String, Growing> faces = new LinkedHashMap<>();

  private static final class Growing {
    double[] times = new double[256];
    double[][] params = new double[256][];
    int n;
  }

  @Override
  public void accept(long timestampUs, String faceId, TrackedFace face) {
    // The frame's own landmarks, not the smoothed ones: smoothing lags each closing by a frame or more.
    add(faceId, timestampUs / 1e6, MouthParams.of(face.raw()));
  }

  /** One face's {@link MouthParams} at one time; times of a face must increase. */
  public void add(String faceId, double timeSec, double[] params) {
    Growing g = faces.computeIfAbsent(faceId, k -> new Growing());
    if (g.n == g.times.length) {
      g.times = Arrays.copyOf(g.times, 2 * g.n);
      g.params = Arrays.copyOf(g.params, 2 * g.n);
    }
    g.times[g.n] = timeSec;
    g.params[g.n] = params;
    g.n++;
  }

  /** Every face seen so far, in order of first appearance. */
  public Map<String, MouthSeries> series() {
    Map<String, MouthSeries> out = new LinkedHashMap<>();
    faces.forEach((id, g) -> out.put(id, new MouthSeries(Arrays.copyOf(g.times, g.n), Arrays.copyOf(g.params, g.n))));
    return out;
  }
}
