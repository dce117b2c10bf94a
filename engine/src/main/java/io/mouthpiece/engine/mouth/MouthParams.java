package io.mouthpiece.engine.mouth;

import io.mouthpiece.engine.face.FaceLandmarks;

/**
 * The few numbers audio drives and exemplars are chosen by: what speech changes in a mouth.
 * {@link #APERTURE}: inner-lip gap over mouth width ({@link MouthShape#aperture}), 0 closed;
 * {@link #WIDTH}: corner-to-corner width over the inter-ocular distance (spread vs rounded lips);
 * {@link #JAW}: how far the chin (mesh 152) sits below the eye line, in inter-ocular units.
 */
public final class MouthParams {
  public static final int APERTURE = 0;
  public static final int WIDTH = 1;
  public static final int JAW = 2;
  public static final int COUNT = 3;

  private MouthParams() {}

  /** The parameters of the mouth in these landmarks. */
  public static double[] of(FaceLandmarks l) {
    double[] chin = FaceFrame.of(l).toFace(l.x(152), l.y(152));
    return new double[] {MouthShape.aperture(l), MouthShape.width(l), chin[1]};
  }
}
