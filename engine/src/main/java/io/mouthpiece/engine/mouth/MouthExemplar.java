package io.mouthpiece.engine.mouth;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One source frame's lower face, ready to be put on another frame: the picture in the
 * face-normalised window ({@link LowerFace}), where its landmarks fall in that window, and the
 * numbers it is chosen by. Owns its pixels.
 *
 * @param frameIndex the source frame it was cut from
 * @param params {@link MouthParams} of this mouth
 * @param window BGR pixels of the lower-face window
 * @param windowLandmarks the 468 landmarks in window pixels, x, y pairs
 * @param sharpness variance of the Laplacian around the mouth: low means motion blur
 */
public record MouthExemplar(int frameIndex, double timeSec, double[] params, HeadPose pose, Mat window,
    float[] windowLandmarks, double sharpness) implements AutoCloseable {
  @Override
  public void close() {
    window.close();
  }
}
