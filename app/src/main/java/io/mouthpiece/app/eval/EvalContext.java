package io.mouthpiece.app.eval;

import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.quality.ApertureTrack;
import io.mouthpiece.engine.quality.Correlation;
import io.mouthpiece.engine.sync.FaceDub;
import io.mouthpiece.engine.sync.MouthMotion;
import io.mouthpiece.engine.sync.SyncConfig;
import io.mouthpiece.engine.sync.SyncRequest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What every section of the evaluation shares: the corpus, the measurements made once, the engines,
 * where outputs go and where the report is printed; and the one way a case is lip-synced.
 */
record EvalContext(Corpus corpus, Measured measured, Engines engines, Path work, PrintStream report, List<String> sections,
    Progress progress) {
  /** Says which clip of which section is being worked on, as a share of all the sections that run. */
  void at(String section, int clip, int clips, String name) {
    double done = sections.indexOf(section) + clip / (double) Math.max(1, clips);
    progress.update(section + " " + (clip + 1) + "/" + clips + " (" + name + ")", done / sections.size());
  }

  /** Lip-syncs the whole of {@code video}'s largest face to the first {@code lengthMs} of {@code speech}. */
  Path sync(Path video, Path speech, long lengthMs, MouthMotion motion, String name) throws MediaException {
    Path result = work.resolve(name + ".mp4");
    FaceDub dub = new FaceDub(null, speech, 0, lengthMs, 0, 1.0);
    LipSync.sync(new SyncRequest(video, List.of(dub), 0.0, result), SyncConfig.DEFAULT.withMotion(motion), Progress.NONE);
    return result;
  }

  /** As much of a speech file as fits on the video (whole ms). */
  long lengthMs(Path video, Path speech) throws MediaException {
    ApertureTrack t = measured.track(video);
    double videoSec = t.timesSec()[t.size() - 1];
    return (long) Math.floor(Math.min(videoSec * 1000, measured.sound(speech).durationMs()));
  }

  /** Pearson r of two series over their common length, frames where either is NaN left out. */
  static double r(double[] a, double[] b) {
    int n = Math.min(a.length, b.length);
    return Correlation.pearson(Arrays.copyOf(a, n), Arrays.copyOf(b, n));
  }

  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).filter(x -> !Double.isNaN(x)).sorted().toArray();
    return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
