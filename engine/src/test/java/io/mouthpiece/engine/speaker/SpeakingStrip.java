package io.mouthpiece.engine.speaker;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.face.Identify;
import io.mouthpiece.engine.face.IdentifyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * A picture to look at who speaks when: a frame of the clip (at {@code atMs}) with each face's box
 * and id, and under it one bar per face over the clip's length: green where it was found speaking,
 * with a thin line above it where the speech it should be found in is (the test's truth).
 */
final class SpeakingStrip {
  private static final int ROW = 34;

  private SpeakingStrip() {}

  static Path write(Path clip, FacesFound found, Map<String, List<SpeakingRange>> truth, long atMs, Path out)
      throws Exception {
    Map<String, double[]> boxes = new HashMap<>();
    Identify.run(clip, IdentifyConfig.DEFAULT, Progress.NONE, (us, id, face) -> {
      if (Math.abs(us / 1000 - atMs) <= 40 || !boxes.containsKey(id)) {
        boxes.put(id, face.smoothed().bounds());
      }
    });
    Mat frame;
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile());
        OpenCVFrameConverter.ToMat toMat = new OpenCVFrameConverter.ToMat()) {
      grabber.start();
      grabber.setTimestamp(atMs * 1000);
      Frame f = grabber.grabImage();
      frame = toMat.convert(f).clone();
    }
    int w = frame.cols();
    List<String> ids = found.faces().stream().map(t -> t.faceId()).toList();
    Mat canvas = new Mat(frame.rows() + ROW * ids.size() + 30, w, frame.type(), new Scalar(255, 255, 255, 0));
    frame.copyTo(canvas.apply(new Rect(0, 0, w, frame.rows())));
    double endMs = found.video().durationMs();
    Scalar[] colours = {new Scalar(40, 40, 230, 0), new Scalar(230, 120, 30, 0), new Scalar(30, 160, 30, 0)};
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      Scalar colour = colours[i % colours.length];
      double[] b = boxes.get(id);
      if (b != null) {
        rectangle(canvas, new Point((int) b[0], (int) b[1]), new Point((int) b[2], (int) b[3]), colour, 3, LINE_AA, 0);
        putText(canvas, "face " + id, new Point((int) b[0], Math.max(20, (int) b[1] - 8)), FONT_HERSHEY_SIMPLEX, 0.8, colour,
            2, LINE_AA, false);
      }
      int y = frame.rows() + 6 + ROW * i;
      int label = 90;
      putText(canvas, "face " + id, new Point(6, y + 22), FONT_HERSHEY_SIMPLEX, 0.6, colour, 2, LINE_AA, false);
      rectangle(canvas, new Point(label, y + 8), new Point(w - 6, y + ROW - 6), new Scalar(220, 220, 220, 0), -1, 8, 0);
      for (SpeakingRange r : found.speaking().of(id)) {
        rectangle(canvas, new Point(x(r.startMs(), endMs, label, w), y + 8), new Point(x(r.endMs(), endMs, label, w), y + ROW - 6),
            new Scalar(60, 180, 60, 0), -1, 8, 0);
      }
      for (SpeakingRange r : truth.getOrDefault(id, List.of())) {
        rectangle(canvas, new Point(x(r.startMs(), endMs, label, w), y + 3), new Point(x(r.endMs(), endMs, label, w), y + 6),
            new Scalar(0, 0, 0, 0), -1, 8, 0);
      }
    }
    int y = frame.rows() + ROW * ids.size() + 24;
    for (int s = 0; s <= endMs / 1000; s++) {
      putText(canvas, s + " s", new Point(x(s * 1000, endMs, 90, w) - 8, y), FONT_HERSHEY_SIMPLEX, 0.45,
          new Scalar(0, 0, 0, 0), 1, LINE_AA, false);
    }
    Files.createDirectories(out.getParent());
    imwrite(out.toString(), canvas);
    return out;
  }

  private static int x(double ms, double endMs, int left, int width) {
    return (int) Math.round(left + (width - 6 - left) * Math.min(1, ms / endMs));
  }
}
