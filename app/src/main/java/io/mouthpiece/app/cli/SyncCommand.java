package io.mouthpiece.app.cli;

import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.cache.DiskAnalysisCache;
import io.mouthpiece.engine.report.QualityReport;
import io.mouthpiece.engine.speech.Phoneme;
import io.mouthpiece.engine.speech.SpeechConfig;
import io.mouthpiece.engine.speech.SpeechException;
import io.mouthpiece.engine.speech.SpeechRequest;
import io.mouthpiece.engine.speech.Synthesiser;
import io.mouthpiece.engine.speech.Voice;
import io.mouthpiece.engine.rules.SyncMode;
import io.mouthpiece.engine.sync.FaceDub;
import io.mouthpiece.engine.sync.InvalidRequestException;
import io.mouthpiece.engine.sync.SyncConfig;
import io.mouthpiece.engine.sync.SyncRequest;
import io.mouthpiece.engine.sync.SyncResult;
import java.nio.file.Files;
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
          + "Without --face: the face that speaks most (the largest when nobody is found speaking), with the whole "
          + "audio placed at 0. Instead of --audio, --text has the words spoken on this machine by espeak-ng; their "
          + "mouth is then driven by the phonemes espeak-ng spoke and when (the lips shut on p, b, m), not by the sound. "
          + "The output has the source's resolution, frame rate, frame count and duration (longer only where "
          + "--sync-mode loop, bounce or remap makes room for a piece longer than the video); "
          + "outside the inserted piece the picture is untouched. Progress goes to stderr: a bar with the stage and the time left on a terminal, else a line every 5 s.",
      "It ends with the result's line and each face's verdict (\"good\", or what limited it); --report writes the"
          + " whole quality report.",
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

  @Option(names = "--report", paramLabel = "FILE.json",
      description = "Also write each face's quality report there, as JSON (the API's task_result.quality): frames"
          + " re-rendered and passed through (and why), the mouth library, the measured sync beside what real speech"
          + " and chance get, pauses with a closed mouth, warnings and a verdict.")
  Path report;

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

    @ArgGroup(exclusive = true, multiplicity = "1")
    Speech speech;

    @Option(names = "--voice", paramLabel = "ID", completionCandidates = VoiceIds.class,
        description = "With --text: the voice, one of ${COMPLETION-CANDIDATES} (default: " + DEFAULT_VOICE + ").")
    String voice = DEFAULT_VOICE;

    @Option(names = "--voice-speed", paramLabel = "X", description = "With --text: 0.8 to 2.0, 1 is the normal pace (default: 1).")
    double voiceSpeed = 1;

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

    @Option(names = "--sync-mode", paramLabel = "MODE", description = "When the piece runs past the video's end: "
        + "cut_off (refused), trim (cut at the video's end, fading out over 50 ms), loop (the video plays again from "
        + "the start), bounce (backwards, then forwards again), remap (the video slowed to the piece, at most 1.5 times); "
        + "the output of loop, bounce and remap is as long as the piece needs. Without --audio-end, those three take the "
        + "whole audio. A request uses one of loop, bounce and remap (default: cut_off).")
    String syncMode;
  }

  /** A face's speech: an audio file, or words spoken on this machine. */
  static final class Speech {
    @Option(names = "--audio", required = true, paramLabel = "AUDIO", description = "The speech: any audio FFmpeg reads.")
    Path audio;

    @Option(names = "--text", required = true, paramLabel = "WORDS",
        description = "Or the words to speak (up to 120 characters), spoken by espeak-ng on this machine.")
    String text;
  }

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (faces.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--audio=AUDIO' (or --text=WORDS)");
    }
    OutputPath.check("--out", out);
    if (report != null) {
      OutputPath.check("--report", report);
    }
    if (cacheSizeMb < 1) {
      throw new ParameterException(spec.commandLine(), "--cache-size-mb: must be at least 1 (got " + cacheSizeMb + ")");
    }
    OptionNames names = new OptionNames(faces.size());
    for (int dub = 0; dub < faces.size(); dub++) {
      // An unknown mode is bad usage (exit 2), named as the timing rules name their options.
      SyncMode.check(dub, faces.get(dub).syncMode).ifPresent(v -> {
        throw new ParameterException(spec.commandLine(), v.message(names));
      });
    }
    // Every check that needs no speech is done: the words are spoken now, into files the finally deletes.
    try {
      return sync(names);
    } finally {
      for (Path p : spokenFiles) {
        Files.deleteIfExists(p);
      }
    }
  }

  private Integer sync(OptionNames names) throws Exception {
    List<FaceDub> dubs = new ArrayList<>();
    for (FaceOptions f : faces) {
      Spoken speech = f.speech.audio != null ? new Spoken(f.speech.audio, List.of()) : spoken(f);
      dubs.add(new FaceDub(f.faceId, speech.wav(), f.startMs, f.endMs, f.insertMs, f.volume,
          SyncMode.orDefault(f.syncMode), speech.phonemes()));
    }
    SyncRequest request = new SyncRequest(video, dubs, originalVolume, out);
    DiskAnalysisCache cache = noCache ? null : new DiskAnalysisCache(cacheDir != null ? cacheDir : defaultCacheDir(),
        cacheSizeMb << 20);
    try {
      SyncResult result = LipSync.sync(request, SyncConfig.DEFAULT, cache, ProgressReport.forStderr("sync"));
      String analysis = cache == null ? "" : result.analysisCached() ? " from the cache" : " kept in " + cache.dir();
      System.err.printf(Locale.ROOT, "mouthpiece: wrote %s: %d frames, %.2f s, face %s (analysis %.1f s%s, planning %.1f s, render %.1f s, encoder busy %.1f s)%n",
          out, result.frames(), result.durationUs() / 1e6, String.join(", ", result.faceIds()), result.analysisSec(),
          analysis, result.planSec(), result.renderSec(), result.encodeSec());
      result.quality().forEach(q -> System.err.println("mouthpiece: face " + q.faceId() + ": " + q.verdict()
          + (QualityReport.BY_PHONEMES.equals(q.drivenBy()) ? " (the mouth follows the spoken phonemes)" : "")));
      if (report != null) {
        ReportFile.write(report, video, out, result);
        System.err.println("mouthpiece: wrote the quality report to " + report);
      }
      return 0;
    } catch (InvalidRequestException e) {
      e.violations().forEach(v -> System.err.println("mouthpiece: " + v.message(names)));
      return 1;
    }
  }

  static final String DEFAULT_VOICE = "en_us_male";

  /** The built-in voices' ids, for --voice's help: the engine's list, not a copy of it. */
  static final class VoiceIds implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return SpeechConfig.DEFAULT_VOICES.stream().map(Voice::id).iterator();
    }
  }

  private final List<Path> spokenFiles = new ArrayList<>();
  private Synthesiser synthesiser;

  /** A face's speech: the audio file, and its phonemes when the synthesiser told them (else none). */
  private record Spoken(Path wav, List<Phoneme> phonemes) {}

  /** The face's --text spoken into a temporary WAV, deleted when the sync is done. */
  private Spoken spoken(FaceOptions f) throws Exception {
    SpeechRequest request = new SpeechRequest(f.speech.text, f.voice, f.voiceSpeed);
    request.problems().stream().findFirst().ifPresent(p -> {
      throw new IllegalArgumentException(OptionNames.of(p.value()) + ": " + p.rule());
    });
    if (synthesiser == null) {
      synthesiser = new Synthesiser(SpeechConfig.DEFAULT); // one a command: it remembers a missing library
    }
    if (synthesiser.voice(f.voice).isEmpty()) {
      throw new IllegalArgumentException("--voice: no voice '" + f.voice + "'; the voices are "
          + String.join(", ", synthesiser.voices().stream().map(Voice::id).toList()));
    }
    Path wav = Files.createTempFile("mouthpiece-speech-", ".wav");
    spokenFiles.add(wav);
    try {
      return new Spoken(wav, synthesiser.speak(request, wav));
    } catch (SpeechException e) {
      throw new IllegalArgumentException("--text: " + e.getMessage());
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
