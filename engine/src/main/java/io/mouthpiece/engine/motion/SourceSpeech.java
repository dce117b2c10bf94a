package io.mouthpiece.engine.motion;

import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.mouth.MouthParams;

/**
 * What the source video teaches about its speaker: its audio, the time of each of its frames and
 * the {@link MouthParams} measured on each (a NaN row where no face was found), plus the
 * speaker's closed mouth. Audio and frame times share one timeline, in seconds.
 *
 * @param closedParams the closed mouth (see {@link MouthRange#closedOf}); NaN when unknown
 */
public record SourceSpeech(AudioFeatures audio, double[] frameTimesSec, double[][] params, double[] closedParams) {
  public SourceSpeech {
    if (frameTimesSec.length != params.length) {
      throw new IllegalArgumentException(frameTimesSec.length + " frame times but " + params.length + " rows");
    }
  }

  /** From decoded audio, the closed mouth taken as the 5th-percentile aperture frame. */
  public static SourceSpeech of(PcmAudio audio, double[] frameTimesSec, double[][] params) {
    return of(AudioFeatures.of(audio), frameTimesSec, params);
  }

  /** From audio features, the closed mouth taken as the 5th-percentile aperture frame. */
  public static SourceSpeech of(AudioFeatures audio, double[] frameTimesSec, double[][] params) {
    return new SourceSpeech(audio, frameTimesSec, params, MouthRange.closedOf(params));
  }

  /** How many frames have a measured mouth. */
  public int measuredFrames() {
    int n = 0;
    for (double[] row : params) {
      n += MouthRange.valid(row) ? 1 : 0;
    }
    return n;
  }
}
