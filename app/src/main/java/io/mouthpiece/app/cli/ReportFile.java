package io.mouthpiece.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mouthpiece.engine.sync.SyncResult;
import io.mouthpiece.server.task.QualityJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The file {@code mouthpiece sync --report} writes: what was made (the video, the result, its
 * frames and length) and each face's quality report, as the API's {@code task_result.quality} has it.
 */
final class ReportFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportFile() {}

  static void write(Path file, Path video, Path out, SyncResult result) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("video", video.toString());
    o.put("out", out.toString());
    o.put("frames", result.frames());
    o.put("duration", String.format(Locale.ROOT, "%.2f", result.durationUs() / 1e6));
    o.set("quality", QualityJson.of(result.quality()));
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n");
  }
}
