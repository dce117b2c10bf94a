package io.mouthpiece.app.eval;

import io.mouthpiece.engine.motion.TrainingCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The media the evaluation runs over. Speaking clips: the engine's manifest ({@link
 * TrainingCorpus}: clip, speaker, language), those of them present in {@code media/video}.
 * Speech to dub with: English and other languages, each file tagged with its language.
 */
record Corpus(Path media, List<TrainingCorpus.Clip> clips) {
  /** A speech file and its language (ISO 639-1). */
  record Speech(String file, String language) {
    boolean english() {
      return language.equals("en");
    }
  }

  /** English speech: studio, phone, crowd noise, a lecture, and speech mixed with cafeteria noise at 0 dB. */
  static final List<Speech> ENGLISH = List.of(new Speech("retalking_1.wav", "en"), new Speech("retalking_2.wav", "en"),
      new Speech("sadtalker_RD_Radio31_000.wav", "en"), new Speech("musetalk_eng.wav", "en"),
      new Speech("whisper_jfk.flac", "en"), new Speech("memo_speech.wav", "en"), new Speech("fantasy_woman.wav", "en"),
      new Speech("silerovad_lecture.wav", "en"), new Speech("dreamtalk_english_ack.m4a", "en"),
      new Speech("dreamtalk_noisy_cafeteria.wav", "en"));
  /** Speech in other languages. */
  static final List<Speech> OTHER = List.of(new Speech("dreamtalk_german1.wav", "de"),
      new Speech("dreamtalk_japanese1.wav", "ja"), new Speech("dreamtalk_mandarin_guanyu.wav", "zh"),
      new Speech("dreamtalk_spanish1.wav", "es"), new Speech("dreamtalk_french1.wav", "fr"),
      new Speech("dreamtalk_italian1.wav", "it"), new Speech("dreamtalk_korean1.wav", "ko"));

  /**
   * The manifest's clips found under {@code media}; with {@code only} non-empty, just the clips whose
   * file name (or name without extension) it lists. Fails naming the option when nothing is left.
   */
  static Corpus at(Path media, List<String> only) {
    if (!Files.isDirectory(media.resolve("video")) || !Files.isDirectory(media.resolve("audio"))) {
      throw new IllegalArgumentException("--media: no video/ and audio/ folders in " + media.toAbsolutePath());
    }
    List<TrainingCorpus.Clip> found = new ArrayList<>();
    for (TrainingCorpus.Clip c : TrainingCorpus.clips()) {
      boolean wanted = only.isEmpty() || only.contains(c.file()) || only.contains(stem(c.file()));
      if (wanted && Files.isRegularFile(media.resolve("video").resolve(c.file()))) {
        found.add(c);
      }
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException("--clips: none of the manifest's speaking clips is in " + media.resolve("video")
          + (only.isEmpty() ? "" : " under the names " + only));
    }
    return new Corpus(media, List.copyOf(found));
  }

  /** Every speaking clip of the manifest present under {@code media}, whatever {@code --clips} says: what held-out models learn from. */
  Corpus all() {
    return at(media, List.of());
  }

  Path video(String name) {
    return media.resolve("video").resolve(name);
  }

  Path audio(String name) {
    return media.resolve("audio").resolve(name);
  }

  /** Two speech files for clip number {@code clip}: one English, one in another language, rotating so every file is used. */
  List<Speech> speechFor(int clip) {
    return List.of(ENGLISH.get(clip % ENGLISH.size()), OTHER.get(clip % OTHER.size()));
  }

  static String stem(String file) {
    return file.replaceFirst("\\.[^.]*$", "");
  }
}
