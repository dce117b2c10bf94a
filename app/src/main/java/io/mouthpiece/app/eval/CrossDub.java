package io.mouthpiece.app.eval;

import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.motion.TrainingCorpus;
import io.mouthpiece.engine.quality.ApertureTrack;
import io.mouthpiece.engine.quality.PooledSync;
import io.mouthpiece.engine.quality.Strip;
import io.mouthpiece.engine.quality.SyncCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cross-dub: every speaking clip lip-synced to one English and one other-language speech file.
 * The outputs' pooled sync r against the new speech, beside the natural r of the sources with their
 * own sound (what real speech reaches) and the null (the untouched sources against the new speech),
 * pooled over English and over other-language speech apart.
 */
final class CrossDub {
  private final EvalContext ctx;

  CrossDub(EvalContext ctx) {
    this.ctx = ctx;
  }

  void run() throws MediaException {
    ctx.report().println("\n== cross-dub: each clip dubbed with an English and an other-language speech; sync r against the new audio ==");
    List<SyncCase> natural = new ArrayList<>();
    List<SyncCase> nullEnglish = new ArrayList<>();
    List<SyncCase> nullOther = new ArrayList<>();
    List<SyncCase> oursEnglish = new ArrayList<>();
    List<SyncCase> oursOther = new ArrayList<>();
    List<SyncCase> loudEnglish = new ArrayList<>();
    List<SyncCase> loudOther = new ArrayList<>();
    Table perCase = new Table("clip", "speech", "lang", "r ours", "r loudness", "r null", "ours lag ms", "change out/src",
        "seam out", "seam src");
    List<TrainingCorpus.Clip> clips = ctx.corpus().clips();
    for (int c = 0; c < clips.size(); c++) {
      TrainingCorpus.Clip clip = clips.get(c);
      ctx.at("crossdub", c, clips.size(), Corpus.stem(clip.file()));
      Path video = ctx.corpus().video(clip.file());
      ApertureTrack source = ctx.measured().track(video);
      natural.add(SyncCase.of(source, ctx.measured().sound(video)));
      for (Corpus.Speech speech : ctx.corpus().speechFor(c)) {
        Path speechFile = ctx.corpus().audio(speech.file());
        Path file = Clips.piece(ctx.measured().sound(speechFile), speech.file(), ctx.lengthMs(video, speechFile), ctx.work());
        PcmAudio piece = ctx.measured().sound(file);
        String name = "crossdub-" + Corpus.stem(clip.file()) + "-" + Corpus.stem(speech.file());
        SyncCase none = SyncCase.of(source, piece);
        Path oursOut = ctx.sync(video, file, piece.durationMs(), ctx.engines().ours(clip.speaker()), name + "-ours");
        ApertureTrack oursTrack = ctx.measured().track(oursOut);
        SyncCase ours = SyncCase.of(oursTrack, piece);
        SyncCase loud = SyncCase.of(ctx.measured().track(
            ctx.sync(video, file, piece.durationMs(), Engines.loudness(), name + "-loudness")), piece);
        Strip.write(ctx.work().resolve(name + ".png"), oursOut, oursTrack, piece, name + " (ours)", 8);
        (speech.english() ? nullEnglish : nullOther).add(none);
        (speech.english() ? oursEnglish : oursOther).add(ours);
        (speech.english() ? loudEnglish : loudOther).add(loud);
        PooledSync.Result oursAlone = PooledSync.of(List.of(ours));
        double[] look = MouthRegion.stabilityAndSeam(video, oursOut, oursTrack);
        perCase.row(Corpus.stem(clip.file()), Corpus.stem(speech.file()), speech.language(), oursAlone.windowR(),
            PooledSync.of(List.of(loud)).windowR(), PooledSync.of(List.of(none)).windowR(), oursAlone.peakLagMs(),
            look[0], look[1], look[2]);
      }
    }
    perCase.print(ctx.report());
    ctx.report().println("change out/src: frame-to-frame change inside the mouth region, output over source (1: as steady as"
        + " the source; above: flicker). seam: mean gradient on the region's border over inside (a visible seam scores high).");
    ctx.report().println("\npooled (all cases' frames in one correlation; r read in the window -40..+120 ms):");
    Table pooled = new Table("what", "cases", "frames", "r in window", "at lag ms", "curve peak ms", "peak in window");
    add(pooled, "natural: sources vs own audio", natural);
    add(pooled, "null: untouched vs English speech", nullEnglish);
    add(pooled, "null: untouched vs other languages", nullOther);
    add(pooled, "ours: outputs vs English speech", oursEnglish);
    add(pooled, "ours: outputs vs other languages", oursOther);
    add(pooled, "loudness: outputs vs English speech", loudEnglish);
    add(pooled, "loudness: outputs vs other languages", loudOther);
    pooled.print(ctx.report());
  }

  private static void add(Table t, String what, List<SyncCase> cases) {
    if (cases.isEmpty()) {
      return;
    }
    PooledSync.Result r = PooledSync.of(cases);
    t.row(what, cases.size(), r.frames(), r.windowR(), r.windowLagMs(), r.peakLagMs(), r.peakInWindow() ? "yes" : "no");
  }
}
