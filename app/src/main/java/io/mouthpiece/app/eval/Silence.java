package io.mouthpiece.app.eval;

import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.motion.TrainingCorpus;
import io.mouthpiece.engine.quality.ApertureTrack;
import io.mouthpiece.engine.quality.SilenceClosure;
import io.mouthpiece.engine.quality.Strip;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Silence: every speaking clip dubbed with speech that pauses 600 ms after every 1.2 s; how often the mouth is closed in the pauses. */
final class Silence {
  private final EvalContext ctx;

  Silence(EvalContext ctx) {
    this.ctx = ctx;
  }

  private static double share(int part, int whole) {
    return whole == 0 ? Double.NaN : part / (double) whole;
  }

  void run() throws MediaException {
    ctx.report().println("\n== silence: speech with 600 ms pauses after every 1.2 s; frames in pauses >= 300 ms with a closed mouth ==");
    Table t = new Table("clip", "pauses", "frames in pauses", "closed ours", "closed loudness", "own threshold",
        "closed ours (own)", "closed loudness (own)");
    int[] frames = new int[4];
    int[] closed = new int[4];
    List<TrainingCorpus.Clip> clips = ctx.corpus().clips();
    for (int c = 0; c < clips.size(); c++) {
      TrainingCorpus.Clip clip = clips.get(c);
      ctx.at("silence", c, clips.size(), Corpus.stem(clip.file()));
      Path video = ctx.corpus().video(clip.file());
      Path speech = ctx.corpus().audio(ctx.corpus().speechFor(c).get(0).file());
      long length = ctx.lengthMs(video, speech);
      Path paused = Clips.withPauses(ctx.measured().sound(speech), speech.getFileName().toString(), length, 1200, 600,
          ctx.work());
      PcmAudio pcm = ctx.measured().sound(paused);
      String name = "silence-" + Corpus.stem(clip.file());
      Path oursOut = ctx.sync(video, paused, length, ctx.engines().ours(clip.speaker()), name + "-ours");
      ApertureTrack oursTrack = ctx.measured().track(oursOut);
      Strip.write(ctx.work().resolve(name + ".png"), oursOut, oursTrack, pcm, name + " (ours)", 8);
      ApertureTrack loudTrack = ctx.measured().track(ctx.sync(video, paused, length, Engines.loudness(), name + "-loudness"));
      List<SilenceClosure.Stretch> pauses = SilenceClosure.silentStretches(pcm);
      double own = SilenceClosure.closedThreshold(ctx.measured().track(video).aperture());
      SilenceClosure.Result[] r = {
        SilenceClosure.measure(oursTrack, pauses, SilenceClosure.CLOSED_APERTURE),
        SilenceClosure.measure(loudTrack, pauses, SilenceClosure.CLOSED_APERTURE),
        SilenceClosure.measure(oursTrack, pauses, own),
        SilenceClosure.measure(loudTrack, pauses, own)};
      t.row(Corpus.stem(clip.file()), pauses.size(), r[0].framesInSilence(), r[0].closedFraction(), r[1].closedFraction(),
          own, r[2].closedFraction(), r[3].closedFraction());
      for (int k = 0; k < closed.length; k++) {
        // Each output's own frames with a face in the pauses: the two engines' outputs may lose different frames.
        frames[k] += r[k].framesInSilence();
        closed[k] += r[k].closedFrames();
      }
    }
    t.row("all", "", frames[0], share(closed[0], frames[0]), share(closed[1], frames[1]), "", share(closed[2], frames[2]),
        share(closed[3], frames[3]));
    t.print(ctx.report());
    ctx.report().printf(Locale.ROOT, "closed: aperture below %.2f (SilenceClosure.CLOSED_APERTURE); (own): below the"
        + " speaker's own threshold, %.2f above the most closed their lips read in the source (2nd percentile), when"
        + " that is higher (SilenceClosure.closedThreshold).%n", SilenceClosure.CLOSED_APERTURE,
        SilenceClosure.ABOVE_OWN_CLOSED);
  }
}
