package io.mouthpiece.engine.mouth;

import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import io.mouthpiece.engine.face.FaceLandmarks;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * A face's mouths, cut from its own video: the exemplars rendering chooses from. In: frames with
 * that face's landmarks, in time order. Out: the usable ones (facing the camera, inside the
 * picture, not motion-blurred) in the face-normalised window, at most {@code maxExemplars}
 * (evenly thinned beyond that, so memory does not grow with the video's length). A frame without
 * the face is simply not added.
 */
public final class MouthLibrary implements AutoCloseable {
  /** Heads turned or nodded further than this (radians) make poor exemplars. */
  public static final double MAX_YAW = 0.6;
  public static final double MAX_PITCH = 0.5;
  /** A frame less sharp than this fraction of the library's median sharpness is blurred. */
  public static final double MIN_RELATIVE_SHARPNESS = 0.4;
  /**
   * The most pixel memory one face's library takes: as many exemplars as 160 MB held in BGR,
   * stored as I420.
   */
  public static final long MAX_BYTES = 80L << 20;
  /** However large the face, a library keeps at least this many exemplars: selection needs a choice. */
  private static final int MIN_EXEMPLARS = 2;
  /**
   * Where sharpness is measured, in face units ({@link FaceFrame}): a box round the mouth, one
   * inter-ocular distance wide, 0.55 to 1.1 of it below the eye line. The lips move fastest, so
   * motion blur shows there first, and the cheeks' flat skin would dilute it.
   */
  private static final double LIPS_HALF_WIDTH = 0.5;
  private static final double LIPS_TOP = 0.55;
  private static final double LIPS_BOTTOM = 1.1;

  private final LowerFace window;
  private final List<MouthExemplar> exemplars;
  private final Sifting sifting;

  private MouthLibrary(LowerFace window, List<MouthExemplar> exemplars, Sifting sifting) {
    this.window = window;
    this.exemplars = exemplars;
    this.sifting = sifting;
  }

  /**
   * What became of the frames offered to the library, counted where each was decided (for the
   * quality report: a library is poor because its face was turned, cut off, blurred, or never spoke).
   *
   * @param offered frames of the face offered
   * @param turnedAway looked at and left out: head turned or nodded past {@link #MAX_YAW} / {@link #MAX_PITCH}
   * @param outsidePicture looked at and left out: part of the mouth outside the picture
   * @param blurred kept, then dropped as less sharp than {@link #MIN_RELATIVE_SHARPNESS} of the median
   * @param covered kept, then dropped as something was in front of the mouth ({@link MouthCover}), or
   *     near such a frame
   * @param thinned not kept to bound memory (every other frame, once the library is full); frames
   *     skipped that way were not looked at, so a turned or blurred one among them is counted here
   */
  public record Sifting(int offered, int turnedAway, int outsidePicture, int blurred, int covered, int thinned) {
    /** Counts not known: a library made from exemplars cut elsewhere. */
    public static final Sifting UNKNOWN = new Sifting(-1, -1, -1, -1, -1, -1);
  }

  /** A library of exemplars already cut (in time order); it takes ownership of them. */
  public static MouthLibrary of(LowerFace window, List<MouthExemplar> exemplars) {
    return of(window, exemplars, Sifting.UNKNOWN);
  }

  /** The same, with what became of the frames offered when they were cut (e.g. kept in a cache with them). */
  public static MouthLibrary of(LowerFace window, List<MouthExemplar> exemplars, Sifting sifting) {
    return new MouthLibrary(window, List.copyOf(exemplars), sifting);
  }

  /** What became of the frames offered to the library ({@link Sifting#UNKNOWN} when it was not built here). */
  public Sifting sifting() {
    return sifting;
  }

  public LowerFace window() {
    return window;
  }

  public List<MouthExemplar> exemplars() {
    return exemplars;
  }

  public int size() {
    return exemplars.size();
  }

  /** Whether a head in this pose is turned or nodded too far to give a usable exemplar. */
  public static boolean turned(HeadPose pose) {
    return Math.abs(pose.yaw()) > MAX_YAW || Math.abs(pose.pitch()) > MAX_PITCH;
  }

  @Override
  public void close() {
    exemplars.forEach(MouthExemplar::close);
  }

  /** Collects exemplars frame by frame. */
  public static final class Builder {
    private final LowerFace window;
    private final int maxExemplars;
    private final int frameWidth;
    private final int frameHeight;
    private List<MouthExemplar> kept = new ArrayList<>();
    private int stride = 1;
    private int offered;
    private int turnedAway;
    private int outsidePicture;

    /**
     * @param pxPerUnit window resolution: pixels per inter-ocular distance; use the face's own
     *     size in the video so exemplars are neither blurred by downscaling nor padded
     */
    public Builder(double pxPerUnit, int maxExemplars, int frameWidth, int frameHeight) {
      this.window = new LowerFace(pxPerUnit);
      // Large faces make large exemplars: the count shrinks so a library stays within its bytes
      // (I420: 1.5 bytes a pixel, the odd row or column an even size adds aside).
      long bytesEach = 3L * window.width() * window.height() / 2;
      this.maxExemplars = (int) Math.max(MIN_EXEMPLARS, Math.min(maxExemplars, MAX_BYTES / bytesEach));
      this.frameWidth = frameWidth;
      this.frameHeight = frameHeight;
    }

    /**
     * Offers a frame of this face; kept if usable and on the current thinning stride. The window is
     * cut and placed by the smoothed landmarks {@code l} (steady geometry); the mouth's params, the
     * label selection matches against, are {@code shape}: those of the frame's own mesh landmarks,
     * since smoothing lags a fast closing by a frame or more, and a lagged label would call a
     * closing mouth closed.
     */
    public void add(int frameIndex, double timeSec, Mat bgr, FaceLandmarks l, double[] shape) {
      if (offered++ % stride != 0 || !usable(l)) {
        return;
      }
      try (Mat cut = window.cut(bgr, l)) {
        kept.add(new MouthExemplar(frameIndex, timeSec, shape.clone(), HeadPose.of(l), MouthExemplar.compact(cut),
            window.landmarksInWindow(l), sharpness(cut)));
      }
      if (kept.size() > maxExemplars) {
        thin();
      }
    }

    private boolean usable(FaceLandmarks l) {
      if (turned(HeadPose.of(l))) {
        turnedAway++;
        return false;
      }
      for (int i : MouthShape.INDICES) {
        if (l.x(i) < 0 || l.y(i) < 0 || l.x(i) >= frameWidth || l.y(i) >= frameHeight) {
          outsidePicture++;
          return false;
        }
      }
      return true;
    }

    /** Keeps every other exemplar and from now on looks at every other frame more. */
    private void thin() {
      List<MouthExemplar> half = new ArrayList<>();
      for (int i = 0; i < kept.size(); i++) {
        if (i % 2 == 0) {
          half.add(kept.get(i));
        } else {
          kept.get(i).close();
        }
      }
      kept = half;
      stride *= 2;
    }

    /** The library; blurred exemplars are dropped. */
    public MouthLibrary build() {
      return build(frame -> false);
    }

    /**
     * The library without the frames {@code covered} names (something in front of the mouth, or
     * near it: a hand is not a mouth to draw), counted as {@link Sifting#covered}; blurred exemplars
     * are dropped.
     */
    public MouthLibrary build(java.util.function.IntPredicate covered) {
      List<MouthExemplar> visible = new ArrayList<>();
      for (MouthExemplar e : kept) {
        if (covered.test(e.frameIndex())) {
          e.close();
        } else {
          visible.add(e);
        }
      }
      int hidden = kept.size() - visible.size();
      kept = visible;
      double[] sharp = kept.stream().mapToDouble(MouthExemplar::sharpness).sorted().toArray();
      double median = sharp.length == 0 ? 0 : sharp[sharp.length / 2];
      List<MouthExemplar> good = new ArrayList<>();
      for (MouthExemplar e : kept) {
        if (e.sharpness() >= MIN_RELATIVE_SHARPNESS * median) {
          good.add(e);
        } else {
          e.close();
        }
      }
      int blurred = kept.size() - good.size();
      Sifting sifting = new Sifting(offered, turnedAway, outsidePicture, blurred, hidden,
          offered - turnedAway - outsidePicture - kept.size() - hidden);
      return new MouthLibrary(window, good, sifting);
    }

    private double sharpness(Mat cut) {
      double[] mouth = window.toWindow(-LIPS_HALF_WIDTH, LIPS_TOP);
      double[] end = window.toWindow(LIPS_HALF_WIDTH, LIPS_BOTTOM);
      Rect r = new Rect((int) mouth[0], (int) mouth[1], (int) (end[0] - mouth[0]), (int) (end[1] - mouth[1]));
      try (Mat region = new Mat(cut, r); Mat grey = new Mat(); Mat lap = new Mat(); Mat mean = new Mat(); Mat std = new Mat()) {
        cvtColor(region, grey, COLOR_BGR2GRAY);
        Laplacian(grey, lap, opencv_core.CV_64F);
        meanStdDev(lap, mean, std);
        double s = std.createIndexer().getDouble(0);
        return s * s;
      }
    }
  }
}
