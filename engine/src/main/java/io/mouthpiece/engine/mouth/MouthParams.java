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
  /**
   * An aperture at or below this is a closed mouth: the lips meet (measured on the shared talking
   * heads, lips pressed for p/b/m or resting shut read 0.010-0.033; the lowest mouth resting apart
   * reads 0.064).
   */
  public static final double CLOSED_APERTURE = 0.035;

  private MouthParams() {}

  /** The parameters of the mouth in these landmarks. */
  public static double[] of(FaceLandmarks l) {
    double[] chin = FaceFrame.of(l).toFace(l.x(152), l.y(152));
    return new double[] {MouthShape.aperture(l), MouthShape.width(l), chin[1]};
  }

  /** The same from a mouth shape (a similarity keeps the ratios, so the values agree). */
  public static double[] of(MouthShape s) {
    double gap = (s.dist(13, 14) + s.dist(82, 87) + s.dist(312, 317)) / 3;
    double width = s.dist(61, 291);
    return new double[] {width <= 0 ? 0 : gap / width, width, s.y(152)};
  }
}
