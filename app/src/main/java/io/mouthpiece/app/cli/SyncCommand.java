package io.mouthpiece.app.cli;

import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.sync.FaceDub;
import io.mouthpiece.engine.sync.InvalidRequestException;
import io.mouthpiece.engine.sync.SyncOptions;
import io.mouthpiece.engine.sync.SyncRequest;
import io.mouthpiece.engine.sync.SyncResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
          + "outside the inserted piece the picture is untouched. A progress bar goes to stderr when it is a terminal."
    })
final class SyncCommand implements Callable<Integer> {
  @Option(names = "--video", required = true, paramLabel = "VIDEO", description = "The source video.")
  Path video;

  @Option(names = "--out", required = true, paramLabel = "OUT.mp4", description = "Where to write the result.")
  Path out;

  @Option(names = "--original-volume", paramLabel = "G", defaultValue = "1",
      description = "Gain of the video's own sound, 0 to 2 (default: ${DEFAULT-VALUE}).")
  double originalVolume;

  @ArgGroup(exclusive = false, multiplicity = "0..*")
  List<FaceOptions> faces = new ArrayList<>();

  /** The options of one face; the first face's may be given without --face. */
  static final class FaceOptions {
    @Option(names = "--face", paramLabel = "ID", description = "A face_id from `mouthpiece identify` (default: the largest face).")
    String faceId;

    @Option(names = "--audio", required = true, paramLabel = "AUDIO", description = "The speech: any audio FFmpeg reads.")
    Path audio;

    @Option(names = "--audio-start", paramLabel = "MS", defaultValue = "0", description = "Start of the piece of audio (default: 0).")
    long startMs;

    @Option(names = "--audio-end", paramLabel = "MS", defaultValue = "-1", description = "End of the piece (default: the audio's end, or as much as fits before the video's end).")
    long endMs;

    @Option(names = "--insert", paramLabel = "MS", defaultValue = "0", description = "Where the piece starts on the video's timeline (default: 0).")
    long insertMs;

    @Option(names = "--volume", paramLabel = "G", defaultValue = "1", description = "Gain of the new audio, 0 to 2 (default: 1).")
    double volume;
  }

  @Override
  public Integer call() throws Exception {
    if (faces.isEmpty()) {
      throw new IllegalArgumentException("--audio: the speech to lip-sync is required");
    }
    List<FaceDub> dubs = new ArrayList<>();
    for (FaceOptions f : faces) {
      dubs.add(new FaceDub(f.faceId, f.audio, f.startMs, f.endMs < 0 ? FaceDub.TO_AUDIO_END : f.endMs, f.insertMs, f.volume));
    }
    SyncRequest request = new SyncRequest(video, dubs, originalVolume, out);
    try {
      SyncResult result = LipSync.sync(request, SyncOptions.standard(), ProgressBar.forStderr("sync"));
      System.err.printf(Locale.ROOT, "mouthpiece: wrote %s: %d frames, %.2f s (analysis %.1f s, planning %.1f s, render %.1f s)%n",
          out, result.frames(), result.durationUs() / 1e6, result.analysisSec(), result.planSec(), result.renderSec());
      return 0;
    } catch (InvalidRequestException e) {
      e.violations().forEach(v -> System.err.println("mouthpiece: " + toOptionNames(v.message())));
      return 1;
    }
  }

  /** The engine speaks in Kling's field names; the user typed options. */
  static String toOptionNames(String message) {
    return message.replace("sound_start_time", "--audio-start").replace("sound_end_time", "--audio-end")
        .replace("sound_insert_time", "--insert").replace("original_audio_volume", "--original-volume")
        .replace("sound_volume", "--volume").replace("sound_file", "--audio").replace("face_id", "--face");
  }
}
