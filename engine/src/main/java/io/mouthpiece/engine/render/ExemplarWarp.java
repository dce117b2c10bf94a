package io.mouthpiece.engine.render;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.remap;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import io.mouthpiece.engine.mouth.Similarity;
import io.mouthpiece.engine.render.ScratchMats.Slot;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Moves an exemplar's window into the frame. In: the window's BGR pixels, where the window goes in
 * frame pixels (a similarity) and the box of the frame being drawn. Out: the box's pixels as the
 * placed window shows them, its lips as they are ({@link #open}) or shut ({@link #shut}). Pixels
 * the window does not reach repeat its edge; the mask keeps them out of the picture.
 */
final class ExemplarWarp {
  private ExemplarWarp() {}

  /** The exemplar's window placed into {@code box}. */
  static void open(Mat window, Mat warped, Similarity place, Rect box) {
    double[] m = place.matrix();
    try (Mat map = new Mat(2, 3, CV_64F)) {
      DoubleIndexer mi = map.createIndexer();
      mi.put(0, 0, m[0]);
      mi.put(0, 1, m[1]);
      mi.put(0, 2, m[2] - box.x());
      mi.put(1, 0, m[3]);
      mi.put(1, 1, m[4]);
      mi.put(1, 2, m[5] - box.y());
      mi.release();
      warpAffine(window, warped, map, new Size(box.width(), box.height()), INTER_LINEAR, BORDER_REPLICATE, new Scalar());
    }
  }

  /**
   * The exemplar's window placed into {@code box} as {@link #open} would, but read through the
   * closer's lift, so its lips meet.
   */
  static void shut(Mat window, Mat warped, Similarity place, LipCloser closer, Rect box, ScratchMats scratch) {
    int h = box.height();
    int w = box.width();
    // Frame pixel (X, Y) comes from window pixel back(X, Y), lifted by the closer.
    Similarity back = place.inverse();
    // The maps are continuous (ScratchMats): filled a row at a time from Java arrays, each row copied
    // in one native call; an indexer call a pixel cost several times as much under the command
    // line's client compiler.
    try (Mat mapX = scratch.mat(Slot.MAP_X, h, w, CV_32F); Mat mapY = scratch.mat(Slot.MAP_Y, h, w, CV_32F);
        FloatPointer px = new FloatPointer(mapX.data()); FloatPointer py = new FloatPointer(mapY.data())) {
      float[] rowX = new float[w];
      float[] rowY = new float[w];
      double a = back.a();
      double b = back.b();
      double tx = back.tx();
      double ty = back.ty();
      int x0 = box.x();
      for (int y = 0; y < h; y++) {
        double fy = box.y() + y;
        for (int x = 0; x < w; x++) {
          double fx = x0 + x;
          double wx = a * fx - b * fy + tx;
          double wy = b * fx + a * fy + ty;
          rowX[x] = (float) wx;
          rowY[x] = (float) (wy + closer.lift(wx, wy));
        }
        px.position((long) y * w).put(rowX, 0, w);
        py.position((long) y * w).put(rowY, 0, w);
      }
      remap(window, warped, mapX, mapY, INTER_LINEAR, BORDER_REPLICATE, new Scalar());
    }
  }
}
