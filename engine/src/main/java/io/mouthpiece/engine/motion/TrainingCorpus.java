package io.mouthpiece.engine.motion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The speaking clips the shipped generic model is fitted on and the evaluation measures, read from
 * the manifest {@value #RESOURCE} beside the model: each clip's file name (under a media folder's
 * {@code video/}; the repository keeps each clip's speech and measured mouth in {@code media/motion-corpus/}), its speaker (several clips may share one), its language and its own audio-video
 * offset. Speaker-held-out figures leave out every clip of the speaker measured.
 */
public final class TrainingCorpus {
  static final String RESOURCE = "corpus.tsv";

  /**
   * One clip.
   *
   * @param naturalPeakMs the lag (ms) at which the clip's own mouth and sound line up best: its natural sync
   *     curve's peak (+: the mouth leads); recorded, not applied: aligning the training clips by it did
   *     not raise the speaker-held-out figures
   */
  public record Clip(String file, String speaker, String language, int naturalPeakMs) {}

  private TrainingCorpus() {}

  /** The clips of the manifest, in its order. */
  public static List<Clip> clips() {
    try (InputStream in = TrainingCorpus.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the engine jar lacks " + RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The speakers, in the manifest's order, each once. */
  public static List<String> speakers(List<Clip> clips) {
    return List.copyOf(bySpeaker(clips).keySet());
  }

  /** Each speaker's clips, speakers in the manifest's order: what a speaker-held-out fit leaves out together. */
  public static Map<String, List<Clip>> bySpeaker(List<Clip> clips) {
    Map<String, List<Clip>> by = new LinkedHashMap<>();
    clips.forEach(c -> by.computeIfAbsent(c.speaker(), k -> new ArrayList<>()).add(c));
    return by;
  }

  static List<Clip> parse(String text) {
    List<Clip> clips = new ArrayList<>();
    boolean header = true;
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      if (header) {
        header = false;
        continue;
      }
      if (f.length != 4) {
        throw new IllegalArgumentException(RESOURCE + ": 4 tab-separated columns expected: " + line);
      }
      clips.add(new Clip(f[0], f[1], f[2], Integer.parseInt(f[3].trim())));
    }
    return List.copyOf(clips);
  }
}
