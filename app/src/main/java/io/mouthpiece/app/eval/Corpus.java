package io.mouthpiece.app.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The shared media the evaluation runs over. Speaking clips: every shared video with speech but
 * retalking_face3, which is the same footage as sadtalker_WDA_AOC_000 (two frames apart) and so
 * not an independent case. Speech: the shared audio files that are speech (the sung one is left
 * out of the sync measures: singing moves the mouth differently).
 */
record Corpus(Path media) {
  static final List<String> SPEAKING = List.of("retalking_face1.mp4", "retalking_face2.mp4", "retalking_face5.mp4",
      "sadtalker_WDA_AOC_000.mp4");
  static final List<String> SPEECH = List.of("retalking_1.wav", "retalking_2.wav", "sadtalker_RD_Radio31_000.wav",
      "musetalk_eng.wav");

  /** The media folder of a shared folder; fails with the option's name when it is not there. */
  static Corpus at(Path shared) {
    Path media = shared.resolve("media");
    if (!Files.isDirectory(media.resolve("video")) || !Files.isDirectory(media.resolve("audio"))) {
      throw new IllegalArgumentException("--shared: no media/video and media/audio in " + shared.toAbsolutePath());
    }
    return new Corpus(media);
  }

  Path video(String name) {
    return media.resolve("video").resolve(name);
  }

  Path audio(String name) {
    return media.resolve("audio").resolve(name);
  }

  /** Two speech files for a clip, different for each clip so every file is used. */
  List<String> speechFor(int clip) {
    return List.of(SPEECH.get(clip % SPEECH.size()), SPEECH.get((clip + 1) % SPEECH.size()));
  }

  static String stem(String file) {
    return file.replaceFirst("\\.[^.]*$", "");
  }
}
