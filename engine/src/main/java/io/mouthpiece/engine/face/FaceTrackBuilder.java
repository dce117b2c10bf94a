package io.mouthpiece.engine.face;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Turns per-frame tracked faces into Kling face tracks. In: each frame's {@link TrackedFace}s in
 * time order. Out: one {@link FaceTrack} per continuous appearance. A tracker track that ends and
 * a new one that starts at the same place within {@link #MAX_GAP_US} are one appearance; a longer
 * absence starts a new face id, and so does a face in the shot right after a cut (another person
 * may stand where the last one stood); after a second cut it may continue again. Holds one crop per face, so memory does not grow with length.
 */
public final class FaceTrackBuilder implements AutoCloseable {
  /** Out of view for longer than this: a new face_id (Kling's rule). */
  public static final long MAX_GAP_US = 1_000_000;
  /** The face crop's side over the landmarks' box: the mesh stops at the hairline, the crop shows the head. */
  private static final double CROP_MARGIN = 1.6;
  /**
   * A face that appears within this many face widths (centre to centre) of where one left less than
   * {@link #MAX_GAP_US} ago is that face back. Chosen when written, not measured: further than a
   * head moves in that time, nearer than another person usually stands.
   */
  private static final double SAME_PLACE_WIDTHS = 0.75;
  /**
   * A new crop replaces the kept one only when 5% better (size × frontalness), so a face scoring
   * about the same frame after frame is not copied again for every slight gain.
   */
  private static final double BETTER_CROP = 1.05;
  /** A crop clipped by the picture's edge to fewer pixels than this a side is not kept. */
  private static final int MIN_CROP_PX = 8;

  private final List<Appearance> appearances = new ArrayList<>();
  private final Map<Integer, Appearance> byTrack = new HashMap<>();
  private long previousFrameUs = Long.MIN_VALUE;
  private int shot;

  private static final class Appearance {
    final String faceId;
    final long startUs;
    long lastSeenUs;
    long lastSeenEndUs = -1;
    int frames;
    double sizeSum;
    double[] lastBounds;
    double bestCropScore = -1;
    Mat crop;
    boolean active;
    int lastShot;

    Appearance(String faceId, long startUs) {
      this.faceId = faceId;
      this.startUs = startUs;
    }
  }

  /**
   * Adds one frame's faces; {@code bgr} is read only to cut the face crops.
   *
   * @param cutBefore whether this frame starts a new shot
   */
  public void accept(Mat bgr, long timestampUs, List<TrackedFace> faces, boolean cutBefore) {
    if (cutBefore) {
      shot++;
    }
    for (Appearance a : appearances) {
      if (a.lastSeenUs == previousFrameUs && a.lastSeenEndUs < 0) {
        a.lastSeenEndUs = timestampUs;
      }
      a.active = false;
    }
    for (TrackedFace f : faces) {
      Appearance a = byTrack.get(f.trackId());
      double[] bounds = f.smoothed().bounds();
      if (a == null) {
        a = continuing(bounds, timestampUs);
        if (a == null) {
          a = new Appearance(Integer.toString(appearances.size()), timestampUs);
          appearances.add(a);
        }
        byTrack.put(f.trackId(), a);
      }
      a.active = true;
      a.lastShot = shot;
      a.lastSeenUs = timestampUs;
      a.lastSeenEndUs = -1;
      a.lastBounds = bounds;
      a.frames++;
      a.sizeSum += f.smoothed().interocular();
      considerCrop(a, bgr, f.smoothed());
    }
    previousFrameUs = timestampUs;
  }

  /** The face_id a tracker track belongs to, once its frame has been accepted. */
  public String faceIdOf(int trackId) {
    Appearance a = byTrack.get(trackId);
    return a == null ? "?" : a.faceId;
  }

  /** An appearance that left this place at most a second ago, or null. */
  private Appearance continuing(double[] bounds, long timestampUs) {
    for (Appearance a : appearances) {
      if (a.active || a.lastSeenEndUs < 0 || timestampUs - a.lastSeenEndUs > MAX_GAP_US || shot == a.lastShot + 1) {
        continue;
      }
      double[] b = a.lastBounds;
      double width = b[2] - b[0];
      double dx = (bounds[0] + bounds[2]) / 2 - (b[0] + b[2]) / 2;
      double dy = (bounds[1] + bounds[3]) / 2 - (b[1] + b[3]) / 2;
      if (Math.hypot(dx, dy) < SAME_PLACE_WIDTHS * width) {
        return a;
      }
    }
    return null;
  }

  private void considerCrop(Appearance a, Mat bgr, FaceLandmarks l) {
    double score = l.interocular() * frontalness(l);
    if (score <= a.bestCropScore * BETTER_CROP) {
      return;
    }
    double[] b = l.bounds();
    double side = Math.max(b[2] - b[0], b[3] - b[1]) * CROP_MARGIN;
    int x0 = (int) Math.max(0, Math.round((b[0] + b[2]) / 2 - side / 2));
    int y0 = (int) Math.max(0, Math.round((b[1] + b[3]) / 2 - side / 2));
    int x1 = (int) Math.min(bgr.cols(), Math.round((b[0] + b[2]) / 2 + side / 2));
    int y1 = (int) Math.min(bgr.rows(), Math.round((b[1] + b[3]) / 2 + side / 2));
    if (x1 - x0 < MIN_CROP_PX || y1 - y0 < MIN_CROP_PX) {
      return;
    }
    if (a.crop != null) {
      a.crop.close();
    }
    try (Mat view = new Mat(bgr, new Rect(x0, y0, x1 - x0, y1 - y0))) {
      a.crop = view.clone();
    }
    a.bestCropScore = score;
  }

  /** 1 for a face looking straight at the camera, towards 0 as it turns (nose between the eyes). */
  static double frontalness(FaceLandmarks l) {
    double toRight = Math.abs(l.x(FaceLandmarks.NOSE_TIP) - l.x(FaceLandmarks.RIGHT_EYE_OUTER));
    double toLeft = Math.abs(l.x(FaceLandmarks.LEFT_EYE_OUTER) - l.x(FaceLandmarks.NOSE_TIP));
    double max = Math.max(toRight, toLeft);
    return max <= 0 ? 0 : Math.min(toRight, toLeft) / max;
  }

  /**
   * The face tracks, in order of first appearance.
   *
   * @param videoEndUs the end of the video, which ends the faces seen in its last frame
   */
  public List<FaceTrack> finish(long videoEndUs) {
    List<FaceTrack> tracks = new ArrayList<>();
    for (Appearance a : appearances) {
      long endUs = a.lastSeenEndUs >= 0 ? a.lastSeenEndUs : Math.max(videoEndUs, a.lastSeenUs);
      byte[] png = new byte[0];
      if (a.crop != null) {
        try (BytePointer buf = new BytePointer()) {
          imencode(".png", a.crop, buf);
          png = buf.getStringBytes();
        }
      }
      tracks.add(new FaceTrack(a.faceId, Math.round(a.startUs / 1000.0), Math.round(endUs / 1000.0), a.frames, png,
          a.frames == 0 ? 0 : a.sizeSum / a.frames));
    }
    return tracks;
  }

  @Override
  public void close() {
    for (Appearance a : appearances) {
      if (a.crop != null) {
        a.crop.close();
        a.crop = null;
      }
    }
  }
}
