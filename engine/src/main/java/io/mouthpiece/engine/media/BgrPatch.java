package io.mouthpiece.engine.media;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2YUV_I420;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_YUV2BGR_I420;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * A rectangle of a frame as BGR pixels to draw on, whatever the frame's layout. In: a frame and a
 * rectangle in frame pixels. Out: {@link #bgr()}, whose pixel (0, 0) is frame pixel ({@link #x()},
 * {@link #y()}); what is drawn there is in the frame after {@link #close()}. For a BGR frame it is a
 * view; for an I420 frame, only this rectangle is converted to BGR and back (widened to even
 * coordinates, as 4:2:0 chroma covers 2×2 pixels), so the rest of the frame goes to the encoder
 * exactly as it was decoded.
 */
public final class BgrPatch implements AutoCloseable {
  private final VideoFrame frame;
  private final Rect area;
  private final Mat bgr;
  private final Mat i420;

  private BgrPatch(VideoFrame frame, Rect area, Mat bgr, Mat i420) {
    this.frame = frame;
    this.area = area;
    this.bgr = bgr;
    this.i420 = i420;
  }

  /** The part of {@code wanted} inside the frame; for I420 frames widened to even coordinates. */
  public static BgrPatch of(VideoFrame frame, Rect wanted) {
    int step = frame.layout() == VideoFrame.Layout.I420 ? 2 : 1;
    int x0 = Math.max(0, Math.floorDiv(wanted.x(), step) * step);
    int y0 = Math.max(0, Math.floorDiv(wanted.y(), step) * step);
    int x1 = Math.min(frame.width(), ceilTo(wanted.x() + wanted.width(), step));
    int y1 = Math.min(frame.height(), ceilTo(wanted.y() + wanted.height(), step));
    Rect area = new Rect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    if (frame.layout() == VideoFrame.Layout.BGR) {
      return new BgrPatch(frame, area, new Mat(frame.bgr(), area), null);
    }
    Mat i420 = new Mat(area.height() * 3 / 2, area.width(), CV_8UC1);
    Mat bgr = new Mat();
    if (area.width() > 0 && area.height() > 0) {
      copyPlanes(frame, area, i420, true);
      cvtColor(i420, bgr, COLOR_YUV2BGR_I420);
    }
    return new BgrPatch(frame, area, bgr, i420);
  }

  private static int ceilTo(int value, int step) {
    return Math.floorDiv(value + step - 1, step) * step;
  }

  public Mat bgr() {
    return bgr;
  }

  public int x() {
    return area.x();
  }

  public int y() {
    return area.y();
  }

  /** Writes the BGR pixels back into the frame (an I420 frame's rectangle) and frees them. */
  @Override
  public void close() {
    if (i420 != null && area.width() > 0 && area.height() > 0) {
      cvtColor(bgr, i420, COLOR_BGR2YUV_I420);
      copyPlanes(frame, area, i420, false);
    }
    bgr.close();
    if (i420 != null) {
      i420.close();
    }
  }

  /** Copies the rectangle's Y, U and V between the frame and a packed I420 patch, either way. */
  private static void copyPlanes(VideoFrame frame, Rect area, Mat patch, boolean fromFrame) {
    for (int plane = 0; plane < 3; plane++) {
      int div = plane == 0 ? 1 : 2;
      try (Mat whole = I420Planes.plane(frame.pixels(), frame.width(), frame.height(), plane);
          Mat inFrame = new Mat(whole, new Rect(area.x() / div, area.y() / div, area.width() / div, area.height() / div));
          Mat inPatch = I420Planes.plane(patch, area.width(), area.height(), plane)) {
        if (fromFrame) {
          inFrame.copyTo(inPatch);
        } else {
          inPatch.copyTo(inFrame);
        }
      }
    }
  }
}
