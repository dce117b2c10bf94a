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
   * An aperture at or below this is lips shut firmly enough to show for a closed mouth. Each
   * frame's own landmarks on the shared talking heads: lips pressed for p, b, m read 0.009-0.029,
   * lips resting shut 0.025-0.037, the lowest mouth resting apart 0.064. Pauses are drawn from the
   * firmly shut ones: with 0.035 the rendered pauses of retalking_face5 read closed in 75% of their
   * frames, with 0.028 in 96% (`mouthpiece eval --sections silence`), the others unchanged.
   */
  public static final double CLOSED_APERTURE = 0.028;

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
