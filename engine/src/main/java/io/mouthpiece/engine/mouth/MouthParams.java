package io.mouthpiece.engine.mouth;

import io.mouthpiece.engine.face.FaceLandmarks;

/**
 * The few numbers audio drives and exemplars are chosen by: what speech changes in a mouth.
 * {@link #APERTURE}: inner-lip gap over mouth width ({@link MouthShape#aperture}), 0 closed;
 * {@link #WIDTH}: corner-to-corner width over the inter-ocular distance (spread vs rounded lips);
 * {@link #JAW}: how far the chin's tip sits below the eye line, in inter-ocular units.
 */
public final class MouthParams {
  public static final int APERTURE = 0;
  public static final int WIDTH = 1;
  public static final int JAW = 2;
  public static final int COUNT = 3;
  /**
   * An aperture at or below this is lips near enough to shut to draw a closed mouth from, once
   * shut by warping (the renderer's lip closer). Each frame's own landmarks on the shared talking
   * heads: lips pressed for p, b, m read 0.009-0.029, lips resting shut 0.025-0.037, closing or
   * parting 0.04-0.06, the lowest mouth resting apart 0.064. Firmly shut frames alone (0.028) are
   * too few in a short clip: sadtalker_WDA_AOC_000 has three, and drawn shut from those alone
   * (pasted onto every pose) its pauses read closed in 61% of frames; with 0.06, 71%, and 88% once
   * the closer presses the lips together (`mouthpiece eval --sections silence`).
   */
  public static final double CLOSABLE_APERTURE = 0.06;

  private MouthParams() {}

  /** The parameters of the mouth in these landmarks. */
  public static double[] of(FaceLandmarks l) {
    double[] chin = FaceFrame.of(l).toFace(l.x(FaceLandmarks.CHIN_TIP), l.y(FaceLandmarks.CHIN_TIP));
    return new double[] {MouthShape.aperture(l), MouthShape.width(l), chin[1]};
  }

  /** The same from a mouth shape (a similarity keeps the ratios, so the values agree). */
  public static double[] of(MouthShape s) {
    double gap = 0;
    for (int[] pair : FaceLandmarks.LIP_GAP_PAIRS) {
      gap += s.dist(pair[0], pair[1]);
    }
    gap /= FaceLandmarks.LIP_GAP_PAIRS.length;
    double width = s.dist(FaceLandmarks.MOUTH_RIGHT, FaceLandmarks.MOUTH_LEFT);
    return new double[] {width <= 0 ? 0 : gap / width, width, s.y(FaceLandmarks.CHIN_TIP)};
  }
}
