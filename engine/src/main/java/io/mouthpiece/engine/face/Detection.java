package io.mouthpiece.engine.face;

/**
 * One face found by the detector, in frame pixels.
 *
 * @param keypoints x, y pairs of the six BlazeFace keypoints: right eye, left eye, nose tip,
 *     mouth centre, right ear tragion, left ear tragion (the subject's right and left)
 * @param score detector confidence in [0, 1]
 */
public record Detection(double xMin, double yMin, double width, double height, double[] keypoints, double score) {
  public static final int RIGHT_EYE = 0;
  public static final int LEFT_EYE = 1;

  public double centerX() {
    return xMin + width / 2;
  }

  public double centerY() {
    return yMin + height / 2;
  }

  public double keypointX(int k) {
    return keypoints[2 * k];
  }

  public double keypointY(int k) {
    return keypoints[2 * k + 1];
  }

  /** Intersection over union of the two boxes. */
  public double iou(Detection other) {
    return Boxes.iou(xMin, yMin, width, height, other.xMin, other.yMin, other.width, other.height);
  }

  /** The region the mesh should look at for this face. */
  public FaceRoi roi() {
    return FaceRoi.around(centerX(), centerY(), width, height,
        keypointX(RIGHT_EYE), keypointY(RIGHT_EYE), keypointX(LEFT_EYE), keypointY(LEFT_EYE), FaceRoi.MESH_SCALE);
  }
}
