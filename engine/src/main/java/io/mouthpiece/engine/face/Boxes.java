package io.mouthpiece.engine.face;

/** Axis-aligned box arithmetic shared by detections and tracks. */
final class Boxes {
  private Boxes() {}

  static double iou(double ax, double ay, double aw, double ah, double bx, double by, double bw, double bh) {
    double ix = Math.max(0, Math.min(ax + aw, bx + bw) - Math.max(ax, bx));
    double iy = Math.max(0, Math.min(ay + ah, by + bh) - Math.max(ay, by));
    double inter = ix * iy;
    double union = aw * ah + bw * bh - inter;
    return union <= 0 ? 0 : inter / union;
  }
}
