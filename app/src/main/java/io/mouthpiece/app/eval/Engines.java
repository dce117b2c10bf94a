package io.mouthpiece.app.eval;

import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.motion.AudioFeatures;
import io.mouthpiece.engine.motion.GenericModel;
import io.mouthpiece.engine.motion.MotionConfig;
import io.mouthpiece.engine.motion.SourceSpeech;
import io.mouthpiece.engine.motion.TrainingCorpus;
import io.mouthpiece.engine.mouth.MouthParams;
import io.mouthpiece.engine.quality.ApertureTrack;
import io.mouthpiece.engine.sync.Motions;
import io.mouthpiece.engine.sync.MouthMotion;
import io.mouthpiece.engine.sync.SourceFace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engines the evaluation compares, all rendering the same way and differing only in how the
 * mouth's motion is predicted: ours (the product's trainer, its generic fallback refitted without
 * the speaker measured), the loudness baseline, and, for the half-split, an oracle driven by the
 * real second half's mouth (the renderer's ceiling).
 */
final class Engines {
  private final Corpus corpus;
  private final Measured measured;
  private Map<String, GenericModel> heldOut;

  Engines(Corpus corpus, Measured measured) {
    this.corpus = corpus.all();
    this.measured = measured;
  }

  /** Ours, never having seen {@code speaker}: the generic model is fitted on every other speaker of the corpus. */
  MouthMotion ours(String speaker) throws MediaException {
    if (heldOut == null) {
      List<GenericModel.Speaker> speakers = new ArrayList<>();
      for (Map.Entry<String, List<TrainingCorpus.Clip>> each : TrainingCorpus.bySpeaker(corpus.clips()).entrySet()) {
        List<SourceSpeech> clips = new ArrayList<>();
        for (TrainingCorpus.Clip c : each.getValue()) {
          clips.add(source(c));
        }
        speakers.add(new GenericModel.Speaker(each.getKey(), clips));
      }
      heldOut = GenericModel.leaveOneSpeakerOut(speakers, MotionConfig.DEFAULT);
    }
    GenericModel g = heldOut.get(speaker);
    if (g == null) {
      throw new IllegalStateException("no held-out model for speaker " + speaker);
    }
    return Motions.trained(MotionConfig.DEFAULT, g);
  }

  static MouthMotion loudness() {
    return Motions.loudness(MotionConfig.DEFAULT);
  }

  /**
   * The real mouth of a clip from {@code offsetSec} on: frame times of the piece plus the offset
   * are looked up in the clip's measured track (nearest frame).
   */
  static MouthMotion oracle(ApertureTrack full, double offsetSec) {
    return (source, piece, times) -> {
      double[][] out = new double[times.length][];
      for (int k = 0; k < times.length; k++) {
        int i = nearest(full.timesSec(), times[k] + offsetSec);
        out[k] = full.shapes()[i] == null ? null : MouthParams.of(full.shapes()[i]);
      }
      return out;
    };
  }

  /**
   * A motion that keeps what it last predicted (the aperture per piece frame), so the loss in
   * rendering can be measured; for syncs of one face with one piece, as the evaluation makes them.
   */
  static final class Recording implements MouthMotion {
    private final MouthMotion inner;
    private double[] timesSec = new double[0];
    private double[] aperture = new double[0];

    Recording(MouthMotion inner) {
      this.inner = inner;
    }

    @Override
    public double[][] predict(SourceFace source, AudioFeatures piece, double[] pieceTimesSec) {
      double[][] p = inner.predict(source, piece, pieceTimesSec);
      timesSec = pieceTimesSec.clone();
      aperture = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        aperture[i] = p[i] == null ? Double.NaN : p[i][MouthParams.APERTURE];
      }
      return p;
    }

    /** The predicted aperture at each of {@code frameTimesSec} (the piece's timeline), NaN where none was asked for. */
    double[] aperture(double[] frameTimesSec) {
      double[] out = new double[frameTimesSec.length];
      for (int i = 0; i < out.length; i++) {
        int k = timesSec.length == 0 ? -1 : nearest(timesSec, frameTimesSec[i]);
        out[i] = k >= 0 && Math.abs(timesSec[k] - frameTimesSec[i]) < 0.001 ? aperture[k] : Double.NaN;
      }
      return out;
    }
  }

  /** A clip as the motion models learn from it: its own sound, frame times and measured mouth. */
  private SourceSpeech source(TrainingCorpus.Clip c) throws MediaException {
    ApertureTrack t = measured.track(corpus.video(c.file()));
    double[][] params = new double[t.size()][];
    for (int i = 0; i < params.length; i++) {
      if (t.shapes()[i] != null) {
        params[i] = MouthParams.of(t.shapes()[i]);
      } else {
        params[i] = new double[MouthParams.COUNT];
        java.util.Arrays.fill(params[i], Double.NaN);
      }
    }
    return SourceSpeech.of(measured.sound(corpus.video(c.file())), t.timesSec(), params);
  }

  private static int nearest(double[] sorted, double t) {
    int i = java.util.Arrays.binarySearch(sorted, t);
    if (i >= 0) {
      return i;
    }
    int after = -i - 1;
    if (after >= sorted.length) {
      return sorted.length - 1;
    }
    if (after == 0) {
      return 0;
    }
    return t - sorted[after - 1] <= sorted[after] - t ? after - 1 : after;
  }
}
