package io.mouthpiece.app.eval;

import io.mouthpiece.app.cli.ProgressReport;
import io.mouthpiece.engine.motion.TrainingCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mouthpiece eval}: the lip-sync measurements of engine.md over the corpus of speaking clips
 * (the engine's manifest), as one report with the baselines beside every figure, and a picture per
 * case to look at. Every figure of "ours" is speaker-held-out.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    headerHeading = "%n",
    header = "Measures lip-sync quality over a corpus of talking-head clips; prints one report, writes a PNG strip per case.",
    description = {
      "The clips are the engine's manifest (motion/corpus.tsv: clip, speaker, language) found under --media/video; "
          + "speech comes from --media/audio. Sections: crossdub (every clip dubbed with an English and an other-language "
          + "speech: pooled sync r against the new audio, beside the natural r of the sources with their own audio and the "
          + "null of the untouched sources), halfsplit (the first half of a clip dubbed with its own second half's audio, "
          + "compared with the real second half: predicted vs truth, rendered vs predicted, rendered vs truth), silence "
          + "(speech with pauses: how often the mouth is closed in them), phonemes (not run by default: sentences in English and "
          + "Chinese spoken by the built-in espeak-ng voices, dubbed with the mouth driven by their phonemes and by their "
          + "sound: pooled sync r and the share of p, b, m shown with a closed mouth, on the re-tracked outputs). Baselines: the loudness-only engine; in halfsplit "
          + "also the untouched first half and an oracle driven by the real mouth (the renderer's ceiling). Speaker-held-out: "
          + "for each clip, the generic motion model is refitted on the other speakers' clips."
    })
public final class EvalCommand implements Callable<Integer> {
  @Option(names = "--media", paramLabel = "DIR", defaultValue = "../shared/media",
      description = "The media folder, with video/ and audio/ (default: ${DEFAULT-VALUE}).")
  Path media;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/eval",
      description = "Where outputs and PNG strips go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--sections", split = ",", paramLabel = "S", defaultValue = "crossdub,halfsplit,silence",
      description = "Which sections to run: crossdub, halfsplit, silence, phonemes (default: ${DEFAULT-VALUE}).")
  List<String> sections;

  @Option(names = "--clips", split = ",", paramLabel = "CLIP",
      description = "Only these clips of the manifest (file names, with or without extension); held-out models still learn from all the others.")
  List<String> clips = List.of();

  @Override
  public Integer call() throws Exception {
    for (String s : sections) {
      if (!List.of("crossdub", "halfsplit", "silence", "phonemes").contains(s)) {
        throw new IllegalArgumentException("--sections: one or more of crossdub, halfsplit, silence, phonemes; got " + s);
      }
    }
    Corpus corpus = Corpus.at(media, clips);
    Measured measured = new Measured();
    ProgressReport progress = ProgressReport.forStderr("eval");
    EvalContext ctx = new EvalContext(corpus, measured, new Engines(corpus, measured), Files.createDirectories(out), System.out,
        List.copyOf(sections), progress);
    long start = System.nanoTime();
    ctx.report().printf(Locale.ROOT, "mouthpiece eval: %d clips of %d speakers from %s%n", corpus.clips().size(),
        TrainingCorpus.speakers(corpus.clips()).size(), corpus.media());
    if (sections.contains("crossdub")) {
      new CrossDub(ctx).run();
    }
    if (sections.contains("halfsplit")) {
      new HalfSplit(ctx).run();
    }
    if (sections.contains("silence")) {
      new Silence(ctx).run();
    }
    if (sections.contains("phonemes")) {
      new PhonemeDub(ctx).run();
    }
    progress.update("done", 1.0);
    ctx.report().printf(Locale.ROOT, "%nall done in %.0f s; strips and outputs in %s%n", (System.nanoTime() - start) / 1e9,
        ctx.work().toAbsolutePath());
    return 0;
  }
}
