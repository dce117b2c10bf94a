package io.mouthpiece.engine.quality;

import io.mouthpiece.engine.media.PcmAudio;
import java.util.Arrays;

/**
 * One video's mouth against one audio: what the sync measures take.
 *
 * @param timesSec frame times, seconds on the audio's timeline (audio sample 0 is time 0)
 * @param aperture mouth aperture per frame; NaN where no face
 * @param envelope the audio's speech envelope
 */
public record SyncCase(double[] timesSec, double[] aperture, SpeechEnvelope envelope) {
  public SyncCase {
    if (timesSec.length != aperture.length) {
      throw new IllegalArgumentException("times and apertures differ in length: " + timesSec.length + " and " + aperture.length);
    }
  }

  /**
   * A measured video against an audio, over the time both exist: frames after the audio's end are
   * left out (a longer video against a shorter audio would otherwise compare a moving mouth with
   * made-up silence).
   */
  public static SyncCase of(ApertureTrack track, PcmAudio audio) {
    return of(track, SpeechEnvelope.of(audio));
  }

  /** The same against an audio's envelope, computed once for several measures. */
  public static SyncCase of(ApertureTrack track, SpeechEnvelope envelope) {
    double[] times = track.timesSec();
    int n = 0;
    while (n < times.length && times[n] <= envelope.durationSec()) {
      n++;
    }
    return new SyncCase(Arrays.copyOf(times, n), Arrays.copyOf(track.aperture(), n), envelope);
  }

  /**
   * The detrended aperture and the detrended envelope read {@code lagMs} later, frame by frame,
   * keeping only the frames with a face: the two series the correlation at that lag compares.
   * The envelope is evaluated at the shifted times themselves, never by moving frame indices, and
   * detrended over the same frames as the aperture, so both get the same treatment.
   */
  double[][] pairsAt(int lagMs) {
    double[] sound = envelope.energyDb(timesSec, lagMs / 1000.0);
    int n = 0;
    for (int i = 0; i < sound.length; i++) {
      if (Double.isNaN(aperture[i])) {
        sound[i] = Double.NaN;
      } else {
        n++;
      }
    }
    double[] mouth = Detrend.detrend(timesSec, aperture);
    sound = Detrend.detrend(timesSec, sound);
    double[][] pairs = new double[2][n];
    for (int i = 0, k = 0; i < mouth.length; i++) {
      if (!Double.isNaN(aperture[i])) {
        pairs[0][k] = mouth[i];
        pairs[1][k] = sound[i];
        k++;
      }
    }
    return pairs;
  }
}
