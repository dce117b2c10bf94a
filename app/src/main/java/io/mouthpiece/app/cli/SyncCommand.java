package io.mouthpiece.app.cli;

import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.cache.DiskAnalysisCache;
import io.mouthpiece.engine.sync.FaceDub;
import io.mouthpiece.engine.sync.InvalidRequestException;
import io.mouthpiece.engine.sync.SyncConfig;
import io.mouthpiece.engine.sync.SyncRequest;
import io.mouthpiece.engine.sync.SyncResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mouthpiece sync}: re-render a face's mouth to speak new audio, with the Kling request's fields. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    headerHeading = "%n",
    header = "Re-renders a face's mouth to speak new audio; writes an mp4.",
    description = {
      "The options are the Kling advanced-lip-sync fields: --face (face_id), --audio (sound_file), "
          + "--audio-start/--audio-end (sound_start_time/sound_end_time), --insert (sound_insert_time), "
          + "--volume (sound_volume), --original-volume (original_audio_volume). All times in ms. "
          + "Repeat --face with its own audio options to re-voice several faces in one pass. "
          + "Without --face: the largest face, with the whole audio placed at 0. "
          + "The output has the source's resolution, frame rate, frame count and duration; "
          + "outside the inserted piece the picture is untouched. Progress goes to stderr: a bar with the stage and the time left on a terminal, else a line every 5 s.",
      "",
      "The video's analysis (faces tracked, mouths measured, the mouth library) is kept in a cache, so a second sync of "
          + "the same video (the same bytes, the same --face) with other audio skips it: $XDG_CACHE_HOME/mouthpiece, or "
          + "~/.cache/mouthpiece, at most --cache-size-mb, least recently used out first. An entry that is damaged or "
          + "from another version is ignored and computed again. The last line says whether the analysis came from it."
    })
final class SyncCommand implements Callable<Integer> {
  @Option(names = "--video", required = true, paramLabel = "VIDEO", description = "The source video.")
  Path video;

  @Option(names = "--out", required = true, paramLabel = "OUT.mp4", description = "Where to write the result.")
  Path out;

  @Option(names = "--original-volume", paramLabel = "G", defaultValue = "1",
      description = "Gain of the video's own sound, 0 to 2 (default: ${DEFAULT-VALUE}).")
  double originalVolume;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Where analyses are kept (default: $XDG_CACHE_HOME/mouthpiece, or ~/.cache/mouthpiece).")
  Path cacheDir;

  @Option(names = "--cache-size-mb", paramLabel = "MB", defaultValue = "2048",
      description = "The most the cache holds, in MB; the least recently used analyses go first (default: ${DEFAULT-VALUE}; "
          + "a minute of 720p with one face takes about 60).")
  long cacheSizeMb;

  @Option(names = "--no-cache", description = "Neither read nor keep the analysis: always analyse the video.")
  boolean noCache;

  @ArgGroup(exclusive = false, multiplicity = "0..*")
  List<FaceOptions> faces = new ArrayList<>();

  /** The options of one face; the first face's may be given without --face. */
  static final class FaceOptions {
    @Option(names = "--face", paramLabel = "ID", description = "A face_id from `mouthpiece identify` (default: the largest face).")
    String faceId;

    @Option(names = "--audio", required = true, paramLabel = "AUDIO", description = "The speech: any audio FFmpeg reads.")
    Path audio;

    // Defaults as initial values, not defaultValue: picocli cannot read a default of a repeated
    // group's option before any instance exists, and failed on `sync --help` and a bare `sync`.
    @Option(names = "--audio-start", paramLabel = "MS", description = "Start of the piece of audio (default: 0).")
    long startMs = 0;

    @Option(names = "--audio-end", paramLabel = "MS", description = "End of the piece (default: the audio's end, or as much as fits before the video's end).")
    long endMs = FaceDub.TO_AUDIO_END;

    @Option(names = "--insert", paramLabel = "MS", description = "Where the piece starts on the video's timeline (default: 0).")
    long insertMs = 0;

    @Option(names = "--volume", paramLabel = "G", description = "Gain of the new audio, 0 to 2 (default: 1).")
    double volume = 1;
  }

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (faces.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--audio=AUDIO'");
    }
    OutputPath.check("--out", out);
    List<FaceDub> dubs = new ArrayList<>();
    for (FaceOptions f : faces) {
      dubs.add(new FaceDub(f.faceId, f.audio, f.startMs, f.endMs, f.insertMs, f.volume));
    }
    if (cacheSizeMb < 1) {
      throw new ParameterException(spec.commandLine(), "--cache-size-mb: must be at least 1 (got " + cacheSizeMb + ")");
    }
    SyncRequest request = new SyncRequest(video, dubs, originalVolume, out);
    DiskAnalysisCache cache = noCache ? null : new DiskAnalysisCache(cacheDir != null ? cacheDir : defaultCacheDir(),
        cacheSizeMb << 20);
    try {
      SyncResult result = LipSync.sync(request, SyncConfig.DEFAULT, cache, ProgressReport.forStderr("sync"));
      String analysis = cache == null ? "" : result.analysisCached() ? " from the cache" : " kept in " + cache.dir();
      System.err.printf(Locale.ROOT, "mouthpiece: wrote %s: %d frames, %.2f s, face %s (analysis %.1f s%s, planning %.1f s, render %.1f s)%n",
          out, result.frames(), result.durationUs() / 1e6, String.join(", ", result.faceIds()), result.analysisSec(),
          analysis, result.planSec(), result.renderSec());
      return 0;
    } catch (InvalidRequestException e) {
      OptionNames names = new OptionNames(dubs.size());
      e.violations().forEach(v -> System.err.println("mouthpiece: " + v.message(names)));
      return 1;
    }
  }

  /** The XDG base directory spec's cache home: $XDG_CACHE_HOME when set (and absolute), else ~/.cache. */
  static Path defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path home = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
    return home.resolve("mouthpiece");
  }
}
