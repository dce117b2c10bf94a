package io.mouthpiece.app.eval;

import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.quality.ApertureTrack;
import io.mouthpiece.engine.quality.Correlation;
import io.mouthpiece.engine.quality.MouthDistance;
import io.mouthpiece.engine.quality.PooledSync;
import io.mouthpiece.engine.quality.SilenceClosure;
import io.mouthpiece.engine.quality.Strip;
import io.mouthpiece.engine.quality.SyncCase;
import io.mouthpiece.engine.sync.FaceDub;
import io.mouthpiece.engine.sync.MouthMotion;
import io.mouthpiece.engine.sync.SyncOptions;
import io.mouthpiece.engine.sync.SyncRequest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mouthpiece eval}: the lip-sync measurements of engine.md over the shared media, as one
 * report with the baselines beside every figure, and a picture per case to look at.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    headerHeading = "%n",
    header = "Measures lip-sync quality over the shared media; prints one report, writes a PNG strip per case.",
    description = {
      "Sections: crossdub (every speaking clip dubbed with two other speech files: pooled sync r against the new audio, "
          + "beside the natural r of the sources with their own audio and the null of the untouched sources), "
          + "halfsplit (the first half of a clip dubbed with its own second half's audio, compared with the real second half), "
          + "silence (speech with pauses: how often the mouth is closed in them). Baselines: the loudness-only engine; "
          + "in halfsplit also the untouched first half and an oracle driven by the real mouth (the renderer's ceiling)."
    })
public final class EvalCommand implements Callable<Integer> {
  @Option(names = "--shared", paramLabel = "DIR", defaultValue = "../shared",
      description = "The shared folder with media/ (default: ${DEFAULT-VALUE}).")
  Path shared;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/eval",
      description = "Where outputs and PNG strips go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--sections", split = ",", paramLabel = "S", defaultValue = "crossdub,halfsplit,silence",
      description = "Which sections to run (default: ${DEFAULT-VALUE}).")
  List<String> sections;

  private final Measured measured = new Measured();
  private final PrintStream report = System.out;
  private Corpus corpus;
  private Path work;

  @Override
  public Integer call() throws Exception {
    corpus = Corpus.at(shared);
    work = Files.createDirectories(out);
    long start = System.nanoTime();
    report.printf(Locale.ROOT, "mouthpiece eval: %s clips %s, speech %s%n", corpus.media(), Corpus.SPEAKING, Corpus.SPEECH);
    if (sections.contains("crossdub")) {
      crossDub();
    }
    if (sections.contains("halfsplit")) {
      halfSplit();
    }
    if (sections.contains("silence")) {
      silence();
    }
    report.printf(Locale.ROOT, "%nall done in %.0f s; strips and outputs in %s%n", (System.nanoTime() - start) / 1e9, work.toAbsolutePath());
    return 0;
  }

  private Path sync(Path video, Path speech, long lengthMs, MouthMotion motion, String name) throws MediaException {
    Path result = work.resolve(name + ".mp4");
    FaceDub dub = new FaceDub(null, speech, 0, lengthMs, 0, 1.0);
    LipSync.sync(new SyncRequest(video, List.of(dub), 0.0, result), SyncOptions.standard().withMotion(motion), Progress.NONE);
    return result;
  }

  private long lengthMs(Path video, Path speech) throws MediaException {
    ApertureTrack t = measured.track(video);
    double videoSec = t.timesSec()[t.size() - 1];
    return (long) Math.floor(Math.min(videoSec * 1000, measured.sound(speech).durationMs()));
  }

  private void crossDub() throws MediaException {
    report.println("\n== cross-dub: each clip dubbed with two other speech files; sync r against the new audio ==");
    List<SyncCase> natural = new ArrayList<>();
    List<SyncCase> nullCases = new ArrayList<>();
    Map<String, List<SyncCase>> engines = new LinkedHashMap<>();
    engines.put(Engines.OURS, new ArrayList<>());
    engines.put(Engines.LOUDNESS, new ArrayList<>());
    Table perCase = new Table("clip", "speech", "r ours", "r loudness", "r null", "ours lag ms", "change out/src",
        "seam out", "seam src");
    for (int c = 0; c < Corpus.SPEAKING.size(); c++) {
      String clip = Corpus.SPEAKING.get(c);
      Path video = corpus.video(clip);
      ApertureTrack source = measured.track(video);
      natural.add(SyncCase.of(source, measured.sound(video)));
      for (String speechName : corpus.speechFor(c)) {
        Path speech = Clips.piece(corpus.audio(speechName), lengthMs(video, corpus.audio(speechName)), work);
        PcmAudio piece = measured.sound(speech);
        SyncCase none = SyncCase.of(source, piece);
        nullCases.add(none);
        String name = "crossdub-" + Corpus.stem(clip) + "-" + Corpus.stem(speechName);
        Map<String, SyncCase> row = new LinkedHashMap<>();
        for (String engine : engines.keySet()) {
          MouthMotion motion = engine.equals(Engines.OURS) ? Engines.ours() : Engines.loudness();
          Path result = sync(video, speech, piece.durationMs(), motion, name + "-" + engine);
          ApertureTrack track = measured.track(result);
          SyncCase sc = SyncCase.of(track, piece);
          engines.get(engine).add(sc);
          row.put(engine, sc);
          if (engine.equals(Engines.OURS)) {
            Strip.write(work.resolve(name + ".png"), result, track, piece, name + " (ours)", 8);
          }
        }
        var ours = PooledSync.of(List.of(row.get(Engines.OURS)));
        double[] look = MouthRegion.stabilityAndSeam(video, work.resolve(name + "-" + Engines.OURS + ".mp4"),
            measured.track(work.resolve(name + "-" + Engines.OURS + ".mp4")));
        perCase.row(Corpus.stem(clip), Corpus.stem(speechName), ours.windowR(),
            PooledSync.of(List.of(row.get(Engines.LOUDNESS))).windowR(), PooledSync.of(List.of(none)).windowR(),
            ours.peakLagMs(), look[0], look[1], look[2]);
      }
    }
    perCase.print(report);
    report.println("change out/src: frame-to-frame change inside the mouth region, output over source (1: as steady as the"
        + " source; above: flicker). seam: mean gradient on the region's border over inside (a visible seam scores high).");
    report.println("\npooled (all cases' frames in one correlation; r read in the window -40..+120 ms):");
    Table pooled = new Table("what", "cases", "frames", "r in window", "at lag ms", "curve peak ms", "peak in window");
    addPooled(pooled, "natural: sources vs own audio", natural);
    addPooled(pooled, "null: untouched sources vs new audio", nullCases);
    for (Map.Entry<String, List<SyncCase>> e : engines.entrySet()) {
      addPooled(pooled, e.getKey() + ": outputs vs new audio", e.getValue());
    }
    pooled.print(report);
  }

  private static void addPooled(Table t, String what, List<SyncCase> cases) {
    PooledSync.Result r = PooledSync.of(cases);
    t.row(what, cases.size(), r.frames(), r.windowR(), r.windowLagMs(), r.peakLagMs(), r.peakInWindow() ? "yes" : "no");
  }

  private void halfSplit() throws MediaException {
    report.println("\n== half-split: first half dubbed with the second half's own audio, against the real second half ==");
    Table t = new Table("clip", "frames", "r untouched", "r loudness", "r ours", "r oracle", "dist loudness", "dist ours",
        "dist oracle");
    Map<String, List<Double>> r = new LinkedHashMap<>();
    Map<String, List<Double>> d = new LinkedHashMap<>();
    for (String clip : Corpus.SPEAKING) {
      Path video = corpus.video(clip);
      ApertureTrack full = measured.track(video);
      // The clip splits at its middle frame; the track already holds every frame's time.
      int split = full.size() / 2;
      long splitUs = Math.round(full.timesSec()[split] * 1e6);
      Path first = Clips.firstHalf(video, splitUs, work);
      Path secondSound = Clips.secondHalfSound(video, splitUs, work);
      ApertureTrack truth = full.slice(split, full.size());
      ApertureTrack untouched = full.slice(0, split);
      Map<String, Double> rowR = new LinkedHashMap<>();
      Map<String, Double> rowD = new LinkedHashMap<>();
      rowR.put("untouched", aligned(untouched, truth));
      long pieceMs = measured.sound(secondSound).durationMs();
      long firstMs = (long) Math.floor(untouched.timesSec()[untouched.size() - 1] * 1000);
      for (String engine : List.of(Engines.LOUDNESS, Engines.OURS, Engines.ORACLE)) {
        MouthMotion motion = switch (engine) {
          case Engines.OURS -> Engines.ours();
          case Engines.LOUDNESS -> Engines.loudness();
          default -> Engines.oracle(full, splitUs / 1e6);
        };
        String name = "halfsplit-" + Corpus.stem(clip) + "-" + engine;
        Path result = sync(first, secondSound, Math.min(pieceMs, firstMs), motion, name);
        ApertureTrack track = measured.track(result);
        rowR.put(engine, aligned(track, truth));
        int n = Math.min(track.size(), truth.size());
        rowD.put(engine, MouthDistance.mean(track.slice(0, n), truth.slice(0, n)));
        if (engine.equals(Engines.OURS)) {
          Strip.write(work.resolve(name + ".png"), result, track, measured.sound(secondSound), name, 8);
        }
      }
      rowR.forEach((k, v) -> r.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
      rowD.forEach((k, v) -> d.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
      t.row(Corpus.stem(clip), truth.size(), rowR.get("untouched"), rowR.get(Engines.LOUDNESS), rowR.get(Engines.OURS),
          rowR.get(Engines.ORACLE), rowD.get(Engines.LOUDNESS), rowD.get(Engines.OURS), rowD.get(Engines.ORACLE));
    }
    t.row("median", "", median(r.get("untouched")), median(r.get(Engines.LOUDNESS)), median(r.get(Engines.OURS)),
        median(r.get(Engines.ORACLE)), median(d.get(Engines.LOUDNESS)), median(d.get(Engines.OURS)), median(d.get(Engines.ORACLE)));
    t.print(report);
    report.println("r: aperture correlation with the real second half, frame by frame. dist: mean mouth landmark distance"
        + " (inter-ocular units) to it.");
  }

  private void silence() throws MediaException {
    report.println("\n== silence: speech with 600 ms pauses after every 1.2 s; frames in pauses >= 300 ms with a closed mouth ==");
    Table t = new Table("clip", "pauses", "frames in pauses", "closed ours", "closed loudness");
    int framesAll = 0;
    int closedOurs = 0;
    int closedLoud = 0;
    for (int c = 0; c < Corpus.SPEAKING.size(); c++) {
      String clip = Corpus.SPEAKING.get(c);
      Path video = corpus.video(clip);
      Path speech = corpus.audio(corpus.speechFor(c).get(0));
      long length = lengthMs(video, speech);
      Path paused = Clips.withPauses(speech, length, 1200, 600, work);
      PcmAudio pcm = measured.sound(paused);
      String name = "silence-" + Corpus.stem(clip);
      Path oursOut = sync(video, paused, length, Engines.ours(), name + "-ours");
      SilenceClosure.Result ours = SilenceClosure.measure(measured.track(oursOut), pcm);
      Strip.write(work.resolve(name + ".png"), oursOut, measured.track(oursOut), pcm, name + " (ours)", 8);
      SilenceClosure.Result loud = SilenceClosure.measure(
          measured.track(sync(video, paused, length, Engines.loudness(), name + "-loudness")), pcm);
      t.row(Corpus.stem(clip), ours.silences().size(), ours.framesInSilence(), ours.closedFraction(), loud.closedFraction());
      framesAll += ours.framesInSilence();
      closedOurs += ours.closedFrames();
      closedLoud += loud.closedFrames();
    }
    t.row("all", "", framesAll, framesAll == 0 ? Double.NaN : closedOurs / (double) framesAll,
        framesAll == 0 ? Double.NaN : closedLoud / (double) framesAll);
    t.print(report);
    report.printf(Locale.ROOT, "closed: aperture below %.2f (SilenceClosure.CLOSED_APERTURE).%n", SilenceClosure.CLOSED_APERTURE);
  }

  /** Pearson r of two tracks' apertures, frame by frame over their common length. */
  private static double aligned(ApertureTrack a, ApertureTrack b) {
    int n = Math.min(a.size(), b.size());
    return Correlation.pearson(Arrays.copyOf(a.aperture(), n), Arrays.copyOf(b.aperture(), n));
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).filter(x -> !Double.isNaN(x)).sorted().toArray();
    return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
