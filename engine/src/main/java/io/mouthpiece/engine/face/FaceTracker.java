package io.mouthpiece.engine.face;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Follows every face through a video, frame by frame (MediaPipe's face mesh graph with several
 * faces). In: BGR frames in time order. Out: the faces in each frame with raw and smoothed
 * landmarks; an empty list for a frame without faces. Each face is meshed from the region its
 * previous landmarks give, so the detector runs only every {@code detectIntervalUs}, when no face
 * is tracked, or just after a face is lost. Short-range detection first; the full-range model
 * only when it finds nothing (small, far faces). At a cut to another shot every track ends.
 */
public final class FaceTracker implements AutoCloseable {
  private static final double SAME_FACE_IOU = 0.3;
  private static final double DUPLICATE_IOU = 0.5;

  private final FaceTrackerConfig config;
  private final FaceDetector near;
  private final FaceDetector far;
  private final FaceMesh mesh;
  private final ShotCuts cuts = new ShotCuts();
  private final List<Track> tracks = new ArrayList<>();
  private boolean cutBefore;
  private long lastDetectionUs = Long.MIN_VALUE;
  private boolean lostSinceDetection;
  private int nextTrackId;

  private static final class Track {
    final int id;
    final LandmarkSmoother smoother = new LandmarkSmoother();
    FaceLandmarks last;

    Track(int id, FaceLandmarks first) {
      this.id = id;
      this.last = first;
    }
  }

  public FaceTracker(FaceTrackerConfig config) {
    config.checkValidity();
    this.config = config;
    this.near = new FaceDetector(FaceDetector.Range.SHORT, config.threads());
    this.far = new FaceDetector(FaceDetector.Range.FULL, config.threads());
    this.mesh = new FaceMesh(config.threads());
  }

  /** The faces in this frame. */
  public List<TrackedFace> track(Mat bgr, long timestampUs) {
    cutBefore = cuts.isCut(bgr);
    if (cutBefore) {
      // A new shot: whoever is here now is found afresh, never inherited from the last shot.
      tracks.clear();
    }
    for (Iterator<Track> it = tracks.iterator(); it.hasNext(); ) {
      Track t = it.next();
      Optional<FaceLandmarks> found = mesh.landmarks(bgr, t.last.nextRoi());
      if (found.isPresent() && plausible(found.get(), bgr)) {
        t.last = found.get();
      } else {
        it.remove();
        lostSinceDetection = true;
      }
    }
    removeDuplicates();
    if (detectionDue(timestampUs)) {
      lastDetectionUs = timestampUs;
      lostSinceDetection = false;
      for (Detection d : detect(bgr)) {
        if (tracks.size() >= config.maxFaces() || coveredByTrack(d)) {
          continue;
        }
        mesh.landmarks(bgr, d.roi()).filter(l -> plausible(l, bgr))
            .ifPresent(l -> tracks.add(new Track(nextTrackId++, l)));
      }
      removeDuplicates();
    }
    List<TrackedFace> faces = new ArrayList<>(tracks.size());
    for (Track t : tracks) {
      faces.add(new TrackedFace(t.id, t.last, t.smoother.smooth(t.last, timestampUs)));
    }
    return faces;
  }

  /** Whether the frame last passed to {@link #track} began a new shot (a cut). */
  public boolean cutBefore() {
    return cutBefore;
  }

  private boolean detectionDue(long timestampUs) {
    return tracks.isEmpty() || lostSinceDetection
        || timestampUs - lastDetectionUs >= config.detectIntervalUs();
  }

  private List<Detection> detect(Mat bgr) {
    List<Detection> found = near.detect(bgr);
    return found.isEmpty() ? far.detect(bgr) : found;
  }

  private boolean coveredByTrack(Detection d) {
    for (Track t : tracks) {
      double[] b = t.last.bounds();
      if (Boxes.iou(d.xMin(), d.yMin(), d.width(), d.height(), b[0], b[1], b[2] - b[0], b[3] - b[1]) > SAME_FACE_IOU) {
        return true;
      }
    }
    return false;
  }

  /** Two tracks that drifted onto the same face: keep the older one. */
  private void removeDuplicates() {
    for (int i = 0; i < tracks.size(); i++) {
      for (int j = tracks.size() - 1; j > i; j--) {
        double[] a = tracks.get(i).last.bounds();
        double[] b = tracks.get(j).last.bounds();
        if (Boxes.iou(a[0], a[1], a[2] - a[0], a[3] - a[1], b[0], b[1], b[2] - b[0], b[3] - b[1]) > DUPLICATE_IOU) {
          tracks.remove(j);
        }
      }
    }
  }

  /** A mesh too small to be a face, or mostly outside the frame, is a lost track. */
  private boolean plausible(FaceLandmarks l, Mat bgr) {
    double[] b = l.bounds();
    double w = b[2] - b[0];
    double h = b[3] - b[1];
    if (w < config.minFacePixels() || h < config.minFacePixels()) {
      return false;
    }
    double cx = (b[0] + b[2]) / 2;
    double cy = (b[1] + b[3]) / 2;
    return cx >= 0 && cy >= 0 && cx < bgr.cols() && cy < bgr.rows();
  }

  @Override
  public void close() {
    cuts.close();
    near.close();
    far.close();
    mesh.close();
  }
}
