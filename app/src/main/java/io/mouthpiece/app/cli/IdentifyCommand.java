package io.mouthpiece.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mouthpiece.engine.face.IdentifyConfig;
import io.mouthpiece.engine.speaker.FacesFound;
import io.mouthpiece.engine.LipSync;
import io.mouthpiece.engine.face.FaceTrack;
import io.mouthpiece.engine.speaker.SpeakingRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mouthpiece identify VIDEO}: the faces of a video as identify-face's JSON on stdout. */
@Command(
    name = "identify",
    mixinStandardHelpOptions = true,
    headerHeading = "%n",
    header = "Finds the faces of a video; prints them as JSON on stdout.",
    description = {
      "The JSON has the shape of the API's identify-face answer: "
          + "{\"face_data\": [{\"face_id\", \"face_image\", \"start_time\", \"end_time\", \"speaking\"}]}. "
          + "Times are in ms; face_image is the path of a PNG crop of the face. "
          + "speaking: when the face speaks, [{\"start_time\", \"end_time\"}], found from its mouth against the video's own sound; "
          + "default_face_id: the face sync takes without --face (the one that speaks most, else the largest); "
          + "speaking_note: why nobody is found speaking (e.g. the video has no sound). "
          + "A face out of view for more than 1 s comes back with a new face_id. "
          + "Nothing but the JSON goes to stdout; progress goes to stderr (a bar on a terminal, else a line every 5 s)."
    })
final class IdentifyCommand implements Callable<Integer> {
  @Parameters(paramLabel = "VIDEO", description = "Any video FFmpeg reads (mp4, mov, mkv, webm, ...).")
  Path video;

  @Option(names = "--faces-dir", paramLabel = "DIR",
      description = "Where to write the face crops (default: VIDEO's name + \"-faces\" in the current directory).")
  Path facesDir;

  @Option(names = "--debug-overlay", paramLabel = "OUT.mp4",
      description = "Also write the video with face boxes, face ids and lip contours drawn on, to check tracking by eye.")
  Path overlay;

  @Option(names = "--analysis-fps", paramLabel = "FPS", defaultValue = "" + IdentifyConfig.DEFAULT_ANALYSIS_FPS,
      description = "Frames a second looked at for faces (default: ${DEFAULT-VALUE}; 0: every frame). "
          + "Every frame is decoded either way; --debug-overlay looks at every frame.")
  double analysisFps;

  @Override
  public Integer call() throws Exception {
    IdentifyConfig config = IdentifyConfig.DEFAULT.withAnalysisFps(analysisFps);
    if (overlay != null) {
      OutputPath.check("--debug-overlay", overlay);
      config = config.withDebugOverlay(overlay);
    }
    FacesFound result = LipSync.identify(video, config, ProgressReport.forStderr("identify"));
    Path dir = facesDir != null ? facesDir : Path.of(video.getFileName().toString().replaceFirst("\\.[^.]*$", "") + "-faces");
    Files.createDirectories(dir);
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    ArrayNode faces = root.putArray("face_data");
    for (FaceTrack face : result.faces()) {
      Path crop = dir.resolve("face_" + face.faceId() + ".png").toAbsolutePath();
      Files.write(crop, face.cropPng());
      ArrayNode speaking = faces.addObject()
          .put("face_id", face.faceId())
          .put("face_image", crop.toString())
          .put("start_time", face.startMs())
          .put("end_time", face.endMs())
          .putArray("speaking");
      for (SpeakingRange range : result.speaking().of(face.faceId())) {
        speaking.addObject().put("start_time", range.startMs()).put("end_time", range.endMs());
      }
    }
    result.defaultFaceId().ifPresent(id -> root.put("default_face_id", id));
    if (!result.speaking().note().isEmpty()) {
      root.put("speaking_note", result.speaking().note());
    }
    if (result.faces().isEmpty()) {
      System.err.println("mouthpiece: " + result.note());
    }
    System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    return 0;
  }
}
