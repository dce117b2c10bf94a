package io.mouthpiece.app.eval;

import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.Progress;
import io.mouthpiece.engine.media.MediaException;
import io.mouthpiece.engine.media.PcmAudio;
import io.mouthpiece.engine.motion.PhonemeMotion;
import io.mouthpiece.engine.motion.TrainingCorpus;
import io.mouthpiece.engine.motion.Viseme;
import io.mouthpiece.engine.mouth.MouthParams;
import io.mouthpiece.engine.quality.ApertureTrack;
import io.mouthpiece.engine.quality.PooledSync;
import io.mouthpiece.engine.quality.Strip;
import io.mouthpiece.engine.quality.SyncCase;
import io.mouthpiece.engine.speech.Phoneme;
import io.mouthpiece.engine.speech.SpeechConfig;
import io.mouthpiece.engine.speech.SpeechException;
import io.mouthpiece.engine.speech.SpeechRequest;
import io.mouthpiece.engine.speech.Synthesiser;
import io.mouthpiece.engine.sync.FaceDub;
import io.mouthpiece.engine.sync.MouthMotion;
import io.mouthpiece.engine.sync.SyncConfig;
import io.mouthpiece.engine.sync.SyncRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Phonemes: typed words spoken by the built-in voices (libespeak-ng) and dubbed twice onto each
 * clip, the mouth driven by the phonemes the synthesiser told and by the sound alone (ours,
 * speaker-held-out), then both outputs re-tracked. Per language, the pooled sync r against the
 * speech, and the share of p, b, m whose span (from {@link PhonemeMotion#LEAD_MS} before it to its
 * end) shows a closed mouth in some frame; the untouched source against the same speech is the
 * floor of both.
 */
final class PhonemeDub {
  /** Sentences with bilabials in both languages, each with one of the built-in voices; fixed before any was measured. */
  static final List<String[]> SENTENCES = List.of(
      new String[] {"en", "en_us_male", "Bob put the map back in my bag, then we went home."},
      new String[] {"en", "en_gb_female", "Please pass me the blue book before the movie begins."},
      new String[] {"zh", "zh_male", "我们明天去北京吧。"},
      new String[] {"zh", "zh_female", "爸爸妈妈买了一本书。"});

  private final EvalContext ctx;

  PhonemeDub(EvalContext ctx) {
    this.ctx = ctx;
  }

  void run() throws MediaException, SpeechException {
    ctx.report().println("\n== phonemes: typed words by the built-in voices; the mouth driven by the phonemes vs by the"
        + " sound (ours); re-tracked outputs ==");
    Table perCase = new Table("clip", "voice", "bilabials", "closed phonemes", "closed sound", "closed source",
        "r phonemes", "r sound", "r source");
    List<String> languages = List.of("en", "zh");
    List<List<SyncCase>> byPhonemes = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<SyncCase>> bySound = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<SyncCase>> untouched = List.of(new ArrayList<>(), new ArrayList<>());
    int[][] closed = new int[2][3];
    int[] bilabials = new int[2];
    // Each sentence spoken once: the library's lengths vary by a few ms from one synthesis to the next.
    Synthesiser voices = new Synthesiser(SpeechConfig.DEFAULT);
    List<List<Phoneme>> spoken = new ArrayList<>();
    for (String[] s : SENTENCES) {
      List<Phoneme> phonemes = voices.speak(new SpeechRequest(s[2], s[1], 1.0), speechFile(s));
      if (phonemes.isEmpty()) {
        throw new IllegalStateException("libespeak-ng is needed to tell the phonemes (Debian: apt-get install espeak-ng)");
      }
      spoken.add(phonemes);
    }
    List<TrainingCorpus.Clip> clips = ctx.corpus().clips();
    for (int c = 0; c < clips.size(); c++) {
      TrainingCorpus.Clip clip = clips.get(c);
      ctx.at("phonemes", c, clips.size(), Corpus.stem(clip.file()));
      Path video = ctx.corpus().video(clip.file());
      MouthMotion ours = ctx.engines().ours(clip.speaker());
      for (int sentence = 0; sentence < SENTENCES.size(); sentence++) {
        String[] s = SENTENCES.get(sentence);
        int lang = languages.indexOf(s[0]);
        Path speech = speechFile(s);
        List<Phoneme> phonemes = spoken.get(sentence);
        long length = ctx.lengthMs(video, speech);
        PcmAudio pcm = ctx.measured().sound(speech).slice(0, length);
        String name = "phonemes-" + Corpus.stem(clip.file()) + "-" + s[1];
        ApertureTrack[] tracks = {
          ctx.measured().track(sync(video, speech, length, phonemes, ours, name + "-phonemes")),
          ctx.measured().track(sync(video, speech, length, List.of(), ours, name + "-sound")),
          ctx.measured().track(video)};
        Strip.write(ctx.work().resolve(name + ".png"), ctx.work().resolve(name + "-phonemes.mp4"), tracks[0], pcm,
            name + " (phonemes)", 8);
        List<Phoneme> heard = Phoneme.piece(phonemes, 0, length);
        int[] shut = new int[3];
        for (int k = 0; k < 3; k++) {
          shut[k] = closedBilabials(tracks[k], heard);
          closed[lang][k] += shut[k];
        }
        int count = (int) heard.stream().filter(p -> Viseme.of(p.name()) == Viseme.SHUT).count();
        bilabials[lang] += count;
        SyncCase[] cases = {SyncCase.of(tracks[0], pcm), SyncCase.of(tracks[1], pcm), SyncCase.of(tracks[2], pcm)};
        byPhonemes.get(lang).add(cases[0]);
        bySound.get(lang).add(cases[1]);
        untouched.get(lang).add(cases[2]);
        perCase.row(Corpus.stem(clip.file()), s[1], count, shut[0], shut[1], shut[2],
            PooledSync.of(List.of(cases[0])).windowR(), PooledSync.of(List.of(cases[1])).windowR(),
            PooledSync.of(List.of(cases[2])).windowR());
      }
    }
    perCase.print(ctx.report());
    ctx.report().println("\npooled by language (sync r: all cases' frames in one correlation, read in -40..+120 ms;"
        + " closed: share of p, b, m with a frame below aperture " + MouthParams.CLOSABLE_APERTURE + " in their span):");
    Table pooled = new Table("language", "cases", "bilabials", "closed phonemes", "closed sound", "closed source",
        "r phonemes", "r sound", "r source");
    for (int lang = 0; lang < languages.size(); lang++) {
      int n = bilabials[lang];
      pooled.row(languages.get(lang), byPhonemes.get(lang).size(), n, share(closed[lang][0], n),
          share(closed[lang][1], n), share(closed[lang][2], n), PooledSync.of(byPhonemes.get(lang)).windowR(),
          PooledSync.of(bySound.get(lang)).windowR(), PooledSync.of(untouched.get(lang)).windowR());
    }
    pooled.print(ctx.report());
  }

  private Path speechFile(String[] sentence) {
    return ctx.work().resolve("phonemes-" + sentence[1] + ".wav");
  }

  private Path sync(Path video, Path speech, long lengthMs, List<Phoneme> phonemes, MouthMotion motion, String name)
      throws MediaException {
    Path result = ctx.work().resolve(name + ".mp4");
    FaceDub dub = new FaceDub(null, speech, 0, lengthMs, 0, 1.0, null, phonemes);
    LipSync.sync(new SyncRequest(video, List.of(dub), 0.0, result), SyncConfig.DEFAULT.withMotion(motion), Progress.NONE);
    return result;
  }

  /**
   * How many of the bilabials show a closed mouth: a frame below {@link MouthParams#CLOSABLE_APERTURE}
   * from {@link PhonemeMotion#LEAD_MS} before the phoneme to its end, or, when no frame falls there,
   * the frame nearest its middle.
   */
  static int closedBilabials(ApertureTrack track, List<Phoneme> phonemes) {
    int closed = 0;
    for (Phoneme p : phonemes) {
      if (Viseme.of(p.name()) != Viseme.SHUT) {
        continue;
      }
      double from = (p.startMs() - PhonemeMotion.LEAD_MS) / 1000.0;
      double to = p.endMs() / 1000.0;
      double least = Double.NaN;
      int nearest = -1;
      for (int i = 0; i < track.size(); i++) {
        double t = track.timesSec()[i];
        double a = track.aperture()[i];
        if (t >= from && t < to && !Double.isNaN(a)) {
          least = Double.isNaN(least) ? a : Math.min(least, a);
        }
        if (nearest < 0 || Math.abs(t - (from + to) / 2) < Math.abs(track.timesSec()[nearest] - (from + to) / 2)) {
          nearest = i;
        }
      }
      if (Double.isNaN(least) && nearest >= 0) {
        least = track.aperture()[nearest];
      }
      closed += least < MouthParams.CLOSABLE_APERTURE ? 1 : 0;
    }
    return closed;
  }

  private static String share(int part, int whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%.2f (%d)", part / (double) whole, part);
  }
}
