package io.mouthpiece.engine.report;

import io.mouthpiece.engine.quality.ApertureTrack;
import io.mouthpiece.engine.quality.SilenceClosure;
import java.util.List;

/**
 * Does the drawn mouth close when the new speech pauses? eval's silence measure ({@link
 * SilenceClosure}: the speech's silent stretches of 300 ms or more, the frames inside them with a
 * closed mouth) on the mouth as drawn, closed at or below {@link SilenceClosure#CLOSED_APERTURE}.
 * Not the speaker's own threshold ({@link SilenceClosure#closedThreshold}) that eval also prints: it
 * exists because the meter reads full lips pressed shut as apart, while here a mouth drawn shut is 0
 * by construction; and on a source that never closes its mouth it would call its open mouth closed.
 *
 * @param pauses silent stretches of at least 300 ms in the piece
 * @param frames frames inside them with the face found
 * @param closedFrames those drawn closed
 * @param closedBelow the aperture at or below which a mouth counts closed
 */
public record PauseMeasure(int pauses, int frames, int closedFrames, double closedBelow) {
  /** Closed frames over frames in pauses; NaN when there are none. */
  public double closedShare() {
    return frames == 0 ? Double.NaN : closedFrames / (double) frames;
  }

  /** Measures {@code drawn} on {@code pieceTimesSec} against the piece's pauses. */
  static PauseMeasure of(double[] pieceTimesSec, double[] drawn, List<SilenceClosure.Stretch> pauses) {
    double closed = SilenceClosure.CLOSED_APERTURE;
    SilenceClosure.Result r = SilenceClosure.measure(ApertureTrack.ofApertures(pieceTimesSec, drawn), pauses, closed);
    return new PauseMeasure(pauses.size(), r.framesInSilence(), r.closedFrames(), closed);
  }
}
