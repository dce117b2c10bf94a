package io.mouthpiece.engine.testing;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;

import io.mouthpiece.engine.face.FaceLandmarks;
import io.mouthpiece.engine.face.FaceTracker;
import io.mouthpiece.engine.face.FaceTrackerConfig;
import io.mouthpiece.engine.face.TrackedFace;
import io.mouthpiece.engine.media.Rational;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A shared speaking clip with an object passing in front of the mouth for {@link #PASS_MS}: it
 * slides in from the picture's left edge, rests over the mouth, and slides out to the right. The
 * object is drawn with hard edges (every pixel either the object's or the clip's), so the test
 * knows exactly which pixels are the object's in every frame. Made with JavaCV (grabber, recorder),
 * not the engine's reader or writer; the mouth is found in every frame of the clip without the
 * object, with the engine's tracker: the object follows it while it rests on the mouth, and
 * {@link #mouthCovered} is the truth a detector is measured against.
 *
 * @param file the clip (the source's size, rate, length and sound)
 * @param fps its constant rate
 * @param mask the object's shape (255 where it is), placed at {@code x[n], y[n]} in frame n (its top-left corner)
 * @param x per frame, the object's left edge in frame pixels (its mask may reach outside the picture)
 * @param y per frame, its top edge
 * @param mouth per frame, the mouth's box (the bounds of the lips' landmarks, smoothed, in the clip
 *     without the object), frame pixels
 */
public record OccludedClip(Path file, Rational fps, Mat mask, int[] x, int[] y, Rect[] mouth) {
  /** How long the object is in the picture. */
  public static final long PASS_MS = 1000;
  /** Of that pass, the share spent sliding in (and again sliding out); it rests over the mouth in between. */
  private static final double SLIDE_SHARE = 0.3;
  private static final String RECIPE = "v3";

  /** What passes in front of the mouth. */
  public enum Kind {
    /**
     * A hand: an ellipse of the face's own skin colour (sampled from its cheek), shaded and
     * textured with creases, so that "not skin-coloured" cannot be what finds it.
     */
    HAND,
    /** A handheld microphone: a dark grey rounded bar with a grille at its top, held up to the mouth. */
    MICROPHONE
  }

  /** Frames of the clip. */
  public int frames() {
    return x.length;
  }

  /** The object's box in frame {@code n}, clipped to the picture (empty when it is outside). */
  public Rect box(int n, int width, int height) {
    int x0 = Math.max(0, x[n]);
    int y0 = Math.max(0, y[n]);
    int x1 = Math.min(width, x[n] + mask.cols());
    int y1 = Math.min(height, y[n] + mask.rows());
    return new Rect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
  }

  /** Whether frame-pixel ({@code px}, {@code py}) is the object's in frame {@code n}. */
  public boolean isObject(int n, int px, int py) {
    int u = px - x[n];
    int v = py - y[n];
    if (u < 0 || v < 0 || u >= mask.cols() || v >= mask.rows()) {
      return false;
    }
    UByteIndexer ix = mask.createIndexer();
    try {
      return ix.get(v, u) != 0;
    } finally {
      ix.release();
    }
  }

  /** The share (0-1) of the mouth's box the object covers in frame {@code n}. */
  public double mouthCovered(int n) {
    Rect mouth = this.mouth[n];
    int inside = 0;
    for (int py = mouth.y(); py < mouth.y() + mouth.height(); py++) {
      for (int px = mouth.x(); px < mouth.x() + mouth.width(); px++) {
        inside += isObject(n, px, py) ? 1 : 0;
      }
    }
    return inside / (double) Math.max(1, mouth.width() * mouth.height());
  }

  /** {@code name} (a repository clip) with {@code kind} passing in front of the mouth from {@code atMs}. */
  public static OccludedClip of(String name, Kind kind, long atMs) {
    return of(TestMedia.video(name), kind, atMs);
  }

  /** The same, of a clip from anywhere (made clips are named by its file name). */
  public static OccludedClip of(Path source, Kind kind, long atMs) {
    String name = source.getFileName().toString();
    OpenCVFrameConverter.ToMat toMat = new OpenCVFrameConverter.ToMat();
    try {
      List<double[]> lips = new ArrayList<>();
      Rational fps;
      int width;
      int height;
      Mat sprite = new Mat();
      Mat mask = new Mat();
      try (HeldFrames video = new HeldFrames(source); FaceTracker tracker = new FaceTracker(FaceTrackerConfig.DEFAULT)) {
        fps = video.nominalRate();
        width = video.width();
        height = video.height();
        int frames = (int) TestMedia.frameCount(video.endUs(), fps);
        for (int n = 0; n < frames; n++) {
          long t = TestMedia.timeUs(n, fps);
          try (Mat picture = toMat.convert(video.at(t)).clone()) {
            List<TrackedFace> faces = tracker.track(picture, t);
            double[] box = faces.isEmpty() ? lips.get(lips.size() - 1) : lipsBox(faces.get(0).smoothed());
            if (n == 0) {
              draw(kind, picture, box, sprite, mask);
            }
            lips.add(box);
          }
        }
      }
      double mouthWidth = lips.get(0)[2] - lips.get(0)[0];
      // Where the sprite's anchor (the point that rests on the mouth's centre) is, relative to its top-left corner.
      int ax = sprite.cols() / 2;
      int ay = kind == Kind.HAND ? sprite.rows() / 2 : (int) Math.round(0.55 * mouthWidth);
      int frames = lips.size();
      int[] xs = new int[frames];
      int[] ys = new int[frames];
      for (int n = 0; n < frames; n++) {
        double cx = (lips.get(n)[0] + lips.get(n)[2]) / 2;
        double cy = (lips.get(n)[1] + lips.get(n)[3]) / 2;
        double t = (TestMedia.timeUs(n, fps) / 1000.0 - atMs) / PASS_MS;
        double startX = -sprite.cols() - 1 + ax;
        double endX = width + ax + 1;
        double px;
        if (t < 0 || t >= 1) {
          px = t < 0 ? startX : endX;
        } else if (t < SLIDE_SHARE) {
          px = startX + (cx - startX) * t / SLIDE_SHARE;
        } else if (t < 1 - SLIDE_SHARE) {
          // Resting on the mouth, as a hand or a microphone held there follows the head, not quite still.
          px = cx + 0.08 * mouthWidth * Math.sin(2 * Math.PI * (t - SLIDE_SHARE) / (1 - 2 * SLIDE_SHARE));
        } else {
          px = cx + (endX - cx) * (t - (1 - SLIDE_SHARE)) / SLIDE_SHARE;
        }
        xs[n] = (int) Math.round(px) - ax;
        ys[n] = (int) Math.round(cy) - ay;
      }
      Rect[] mouths = lips.stream().map(b -> new Rect((int) Math.floor(b[0]), (int) Math.floor(b[1]),
          (int) Math.ceil(b[2] - b[0]), (int) Math.ceil(b[3] - b[1]))).toArray(Rect[]::new);
      String file = String.format(Locale.ROOT, "occluded-%s-%s-%d-%s.mp4", TestMedia.stem(name),
          kind.name().toLowerCase(Locale.ROOT), atMs, RECIPE);
      Rational rate = fps;
      Path clip = MediaCache.get(file, out -> {
        try (HeldFrames video = new HeldFrames(source);
            ClipEncoder encoder = new ClipEncoder(out, width, height, rate, TestMedia.audioOrNull(source))) {
          for (int n = 0; n < frames; n++) {
            try (Mat picture = toMat.convert(video.at(TestMedia.timeUs(n, rate))).clone()) {
              paste(picture, sprite, mask, xs[n], ys[n]);
              encoder.write(toMat.convert(picture));
            }
          }
          encoder.finish();
        }
      });
      sprite.close();
      return new OccludedClip(clip, fps, mask, xs, ys, mouths);
    } catch (Exception e) {
      throw new IllegalStateException("cannot make the occluded clip of " + name + ": " + e.getMessage(), e);
    }
  }

  /** The lips' bounds (x0, y0, x1, y1) in these landmarks. */
  private static double[] lipsBox(FaceLandmarks l) {
    double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int i : FaceLandmarks.LIPS_OUTER) {
      b[0] = Math.min(b[0], l.x(i));
      b[1] = Math.min(b[1], l.y(i));
      b[2] = Math.max(b[2], l.x(i));
      b[3] = Math.max(b[3], l.y(i));
    }
    return b;
  }

  /** Draws the object into {@code sprite} (BGR) and its shape into {@code mask}, sized by the mouth's width. */
  private static void draw(Kind kind, Mat face, double[] lips, Mat sprite, Mat mask) {
    double mouthWidth = lips[2] - lips[0];
    double cx = (lips[0] + lips[2]) / 2;
    double cy = (lips[1] + lips[3]) / 2;
    Random random = new Random(17);
    if (kind == Kind.HAND) {
      int w = (int) Math.round(2.0 * mouthWidth);
      int h = (int) Math.round(1.4 * mouthWidth);
      mask.create(h, w, CV_8UC1);
      mask.put(new Scalar(0));
      opencv_imgproc.ellipse(mask, new Point(w / 2, h / 2), new Size(w / 2 - 1, h / 2 - 1), -12, 0, 360,
          new Scalar(255), FILLED, LINE_8, 0);
      // The face's own skin: the cheek beside the nose, above the mouth's corner.
      int sx = (int) Math.round(cx + 0.55 * mouthWidth);
      int sy = (int) Math.round(cy - 0.55 * mouthWidth);
      Scalar skin;
      try (Mat cheek = new Mat(face, new Rect(sx - 4, sy - 4, 9, 9))) {
        skin = opencv_core.mean(cheek);
      }
      sprite.create(h, w, CV_8UC3);
      sprite.put(skin);
      shade(sprite, random, 0.12);
      // Creases between fingers: darker lines along the hand's length.
      for (int k = 1; k <= 3; k++) {
        int yy = h * k / 4;
        opencv_imgproc.line(sprite, new Point(w / 8, yy - h / 20), new Point(w * 7 / 8, yy + h / 20),
            scaled(skin, 0.7), Math.max(1, h / 40), LINE_8, 0);
      }
    } else {
      int w = (int) Math.round(1.0 * mouthWidth);
      int h = (int) Math.round(3.5 * mouthWidth);
      int r = w / 3;
      mask.create(h, w, CV_8UC1);
      mask.put(new Scalar(0));
      opencv_imgproc.rectangle(mask, new Rect(r, 0, w - 2 * r, h), new Scalar(255), FILLED, LINE_8, 0);
      opencv_imgproc.rectangle(mask, new Rect(0, r, w, h - 2 * r), new Scalar(255), FILLED, LINE_8, 0);
      for (Point c : new Point[] {new Point(r, r), new Point(w - 1 - r, r), new Point(r, h - 1 - r), new Point(w - 1 - r, h - 1 - r)}) {
        opencv_imgproc.circle(mask, c, r, new Scalar(255), FILLED, LINE_8, 0);
      }
      sprite.create(h, w, CV_8UC3);
      sprite.put(new Scalar(62, 62, 66, 0));
      // The grille over the head, the upper third: a lighter mesh.
      int head = h / 3;
      for (int g = 2; g < w; g += 4) {
        opencv_imgproc.line(sprite, new Point(g, 0), new Point(g, head), new Scalar(92, 92, 96, 0), 1, LINE_8, 0);
      }
      for (int g = 2; g < head; g += 4) {
        opencv_imgproc.line(sprite, new Point(0, g), new Point(w, g), new Scalar(92, 92, 96, 0), 1, LINE_8, 0);
      }
      try (Mat handle = new Mat(sprite, new Rect(0, head, w, h - head))) {
        handle.put(new Scalar(38, 38, 40, 0));
      }
      shade(sprite, random, 0.08);
    }
  }

  /** Multiplies the picture by smooth random light (plus or minus {@code depth}): texture and shading. */
  private static void shade(Mat sprite, Random random, double depth) {
    try (Mat noise = new Mat(sprite.rows(), sprite.cols(), opencv_core.CV_32FC1);
        Mat smooth = new Mat(); Mat factor = new Mat(); Mat f3 = new Mat(); Mat asFloat = new Mat()) {
      FloatIndexer ix = noise.createIndexer();
      for (int v = 0; v < sprite.rows(); v++) {
        for (int u = 0; u < sprite.cols(); u++) {
          // Light from the top-left, and grain.
          double light = 1 + depth * (0.5 - (u + v) / (double) (sprite.rows() + sprite.cols()));
          ix.put(v, u, (float) (light + depth * random.nextGaussian()));
        }
      }
      ix.release();
      GaussianBlur(noise, smooth, new Size(5, 5), 1.2);
      opencv_core.merge(new MatVector(smooth, smooth, smooth), f3);
      sprite.convertTo(asFloat, opencv_core.CV_32FC3);
      opencv_core.multiply(asFloat, f3, factor);
      factor.convertTo(sprite, CV_8UC3);
    }
  }

  private static Scalar scaled(Scalar s, double k) {
    return new Scalar(s.get(0) * k, s.get(1) * k, s.get(2) * k, 0);
  }

  /** Copies the sprite's pixels where its mask is set into the picture, its top-left at (x, y); clipped to the picture. */
  private static void paste(Mat picture, Mat sprite, Mat mask, int x, int y) {
    int x0 = Math.max(0, x);
    int y0 = Math.max(0, y);
    int x1 = Math.min(picture.cols(), x + sprite.cols());
    int y1 = Math.min(picture.rows(), y + sprite.rows());
    if (x1 <= x0 || y1 <= y0) {
      return;
    }
    Rect inPicture = new Rect(x0, y0, x1 - x0, y1 - y0);
    Rect inSprite = new Rect(x0 - x, y0 - y, x1 - x0, y1 - y0);
    try (Mat to = new Mat(picture, inPicture); Mat from = new Mat(sprite, inSprite); Mat where = new Mat(mask, inSprite)) {
      from.copyTo(to, where);
    }
  }
}
