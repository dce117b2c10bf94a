package io.mouthpiece.app.eval;

import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.motion.TrainingCorpus;
import io.mouthpiece.engine.quality.ApertureTrack;
import io.mouthpiece.engine.quality.MouthDistance;
import io.mouthpiece.engine.quality.Rhythm;
import io.mouthpiece.engine.quality.Strip;
import io.mouthpiece.engine.sync.MouthMotion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Half-split: the first half of every speaking clip lip-synced with the clip's own second half's
 * sound, compared frame by frame with the real second half (which the engine never sees; nor, in
 * "ours", does its generic model know the speaker). For ours and the oracle three correlations show
 * where motion is lost: predicted vs truth, rendered vs predicted, rendered vs truth.
 */
final class HalfSplit {
  private static final String[] COLUMNS = {"r untouched", "r loudness", "ours pred~truth", "ours rend~pred",
      "ours rend~truth", "oracle rend~truth", "dist loudness", "dist ours", "dist oracle", "3-7Hz truth", "3-7Hz pred", "3-7Hz ours"};
  /** The least speech a lip-sync takes (Kling's rule), so a clip must be twice as long to be split. */
  private static final double MIN_HALF_SEC = 2.05;
  private final EvalContext ctx;

  HalfSplit(EvalContext ctx) {
    this.ctx = ctx;
  }

  void run() throws MediaException {
    ctx.report().println("\n== half-split: first half dubbed with the second half's own audio, against the real second half ==");
    List<String> header = new ArrayList<>(List.of("clip", "speaker", "frames"));
    header.addAll(List.of(COLUMNS));
    Table t = new Table(header.toArray(String[]::new));
    Map<String, List<Double>> all = new LinkedHashMap<>();
    Map<String, Map<String, List<Double>>> bySpeaker = new LinkedHashMap<>();
    List<String> tooShort = new ArrayList<>();
    List<TrainingCorpus.Clip> clips = ctx.corpus().clips();
    for (int i = 0; i < clips.size(); i++) {
      TrainingCorpus.Clip clip = clips.get(i);
      ctx.at("halfsplit", i, clips.size(), Corpus.stem(clip.file()));
      ApertureTrack full = ctx.measured().track(ctx.corpus().video(clip.file()));
      if (full.timesSec()[full.size() - 1] < 2 * MIN_HALF_SEC) {
        tooShort.add(Corpus.stem(clip.file()));
        continue;
      }
      Map<String, Double> row = measure(clip);
      row.forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
      row.forEach((k, v) -> bySpeaker.computeIfAbsent(k, x -> new LinkedHashMap<>())
          .computeIfAbsent(clip.speaker(), x -> new ArrayList<>()).add(v));
      List<Object> cells = new ArrayList<>(List.of(Corpus.stem(clip.file()), clip.speaker(), row.get("frames").intValue()));
      for (String c : COLUMNS) {
        cells.add(row.get(c));
      }
      t.row(cells.toArray());
    }
    List<Object> medians = new ArrayList<>(List.of("median", "", ""));
    for (String c : COLUMNS) {
      medians.add(EvalContext.median(all.get(c)));
    }
    t.row(medians.toArray());
    // Pooled with every speaker weighing the same: each speaker's clips averaged, then the speakers.
    List<Object> pooled = new ArrayList<>(List.of("speaker mean", "", ""));
    for (String c : COLUMNS) {
      pooled.add(bySpeaker.get(c).values().stream().mapToDouble(v -> v.stream().mapToDouble(Double::doubleValue).average()
          .orElse(Double.NaN)).filter(Double::isFinite).average().orElse(Double.NaN));
    }
    t.row(pooled.toArray());
    t.print(ctx.report());
    if (!tooShort.isEmpty()) {
      ctx.report().printf(java.util.Locale.ROOT, "left out, shorter than %.1f s (a dub's speech is at least 2 s): %s%n",
          2 * MIN_HALF_SEC, String.join(", ", tooShort));
    }
    ctx.report().println("r: aperture correlation, frame by frame; pred: the trajectory the motion model asked for; rend: the"
        + " output as measured; truth: the real second half. dist: mean mouth landmark distance (inter-ocular units) to the"
        + " truth. 3-7Hz: the share of the aperture's motion at syllable rate (Rhythm). speaker mean: each speaker's"
        + " clips averaged, then the speakers (a pooled figure in which a speaker with two clips counts once). ours never"
        + " saw the speaker: its"
        + " generic model is refitted without them.");
  }

  private Map<String, Double> measure(TrainingCorpus.Clip clip) throws MediaException {
    Path video = ctx.corpus().video(clip.file());
    ApertureTrack full = ctx.measured().track(video);
    // The clip splits at its middle frame; the track already holds every frame's time.
    int split = full.size() / 2;
    long splitUs = Math.round(full.timesSec()[split] * 1e6);
    Path first = Clips.firstHalf(video, splitUs, ctx.work());
    Path secondSound = Clips.secondHalfSound(ctx.measured().sound(video), clip.file(), splitUs, ctx.work());
    ApertureTrack truth = full.slice(split, full.size());
    ApertureTrack untouched = full.slice(0, split);
    long pieceMs = ctx.measured().sound(secondSound).durationMs();
    long firstMs = (long) Math.floor(untouched.timesSec()[untouched.size() - 1] * 1000);
    long lengthMs = Math.min(pieceMs, firstMs);
    Map<String, Double> row = new LinkedHashMap<>();
    row.put("frames", (double) truth.size());
    row.put("r untouched", EvalContext.r(untouched.aperture(), truth.aperture()));
    String stem = "halfsplit-" + Corpus.stem(clip.file());

    ApertureTrack loud = ctx.measured().track(ctx.sync(first, secondSound, lengthMs, Engines.loudness(), stem + "-loudness"));
    row.put("r loudness", EvalContext.r(loud.aperture(), truth.aperture()));
    row.put("dist loudness", distance(loud, truth));

    Engines.Recording ours = new Engines.Recording(ctx.engines().ours(clip.speaker()));
    Path oursOut = ctx.sync(first, secondSound, lengthMs, ours, stem + "-ours");
    ApertureTrack oursTrack = ctx.measured().track(oursOut);
    double[] predicted = ours.aperture(oursTrack.timesSec());
    if (java.util.Arrays.stream(predicted).noneMatch(Double::isFinite)) {
      throw new IllegalStateException(clip.file() + ": the predicted mouth does not line up with any output frame's time");
    }
    row.put("ours pred~truth", EvalContext.r(predicted, truth.aperture()));
    row.put("ours rend~pred", EvalContext.r(oursTrack.aperture(), predicted));
    row.put("ours rend~truth", EvalContext.r(oursTrack.aperture(), truth.aperture()));
    row.put("dist ours", distance(oursTrack, truth));
    double fps = (truth.size() - 1) / (truth.timesSec()[truth.size() - 1] - truth.timesSec()[0]);
    row.put("3-7Hz truth", Rhythm.syllableShare(truth.aperture(), fps));
    row.put("3-7Hz pred", Rhythm.syllableShare(predicted, fps));
    row.put("3-7Hz ours", Rhythm.syllableShare(oursTrack.aperture(), fps));
    Strip.write(ctx.work().resolve(stem + "-ours.png"), oursOut, oursTrack, ctx.measured().sound(secondSound),
        stem + " (ours)", 8);

    MouthMotion oracle = Engines.oracle(full, splitUs / 1e6);
    ApertureTrack oracleTrack = ctx.measured().track(ctx.sync(first, secondSound, lengthMs, oracle, stem + "-oracle"));
    row.put("oracle rend~truth", EvalContext.r(oracleTrack.aperture(), truth.aperture()));
    row.put("dist oracle", distance(oracleTrack, truth));
    return row;
  }

  private static double distance(ApertureTrack output, ApertureTrack truth) {
    int n = Math.min(output.size(), truth.size());
    return MouthDistance.mean(output.slice(0, n), truth.slice(0, n));
  }
}
