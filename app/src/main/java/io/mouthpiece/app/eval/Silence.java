package io.mouthpiece.app.eval;

import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.motion.TrainingCorpus;
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

  void run() throws MediaException {
    ctx.report().println("\n== silence: speech with 600 ms pauses after every 1.2 s; frames in pauses >= 300 ms with a closed mouth ==");
    Table t = new Table("clip", "pauses", "frames in pauses", "closed ours", "closed loudness");
    int framesAll = 0;
    int closedOurs = 0;
    int closedLoud = 0;
    List<TrainingCorpus.Clip> clips = ctx.corpus().clips();
    for (int c = 0; c < clips.size(); c++) {
      TrainingCorpus.Clip clip = clips.get(c);
      Path video = ctx.corpus().video(clip.file());
      Path speech = ctx.corpus().audio(ctx.corpus().speechFor(c).get(0).file());
      long length = ctx.lengthMs(video, speech);
      Path paused = Clips.withPauses(speech, length, 1200, 600, ctx.work());
      PcmAudio pcm = ctx.measured().sound(paused);
      String name = "silence-" + Corpus.stem(clip.file());
      Path oursOut = ctx.sync(video, paused, length, ctx.engines().ours(clip.speaker()), name + "-ours");
      SilenceClosure.Result ours = SilenceClosure.measure(ctx.measured().track(oursOut), pcm);
      Strip.write(ctx.work().resolve(name + ".png"), oursOut, ctx.measured().track(oursOut), pcm, name + " (ours)", 8);
      SilenceClosure.Result loud = SilenceClosure.measure(
          ctx.measured().track(ctx.sync(video, paused, length, Engines.loudness(), name + "-loudness")), pcm);
      t.row(Corpus.stem(clip.file()), ours.silences().size(), ours.framesInSilence(), ours.closedFraction(),
          loud.closedFraction());
      framesAll += ours.framesInSilence();
      closedOurs += ours.closedFrames();
      closedLoud += loud.closedFrames();
    }
    t.row("all", "", framesAll, framesAll == 0 ? Double.NaN : closedOurs / (double) framesAll,
        framesAll == 0 ? Double.NaN : closedLoud / (double) framesAll);
    t.print(ctx.report());
    ctx.report().printf(Locale.ROOT, "closed: aperture below %.2f (SilenceClosure.CLOSED_APERTURE).%n",
        SilenceClosure.CLOSED_APERTURE);
  }
}
