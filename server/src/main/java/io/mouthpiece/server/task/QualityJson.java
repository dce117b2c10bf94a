package io.mouthpiece.server.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mouthpiece.engine.mouth.MouthLibrary;
import io.mouthpiece.engine.report.FrameCounts;
import io.mouthpiece.engine.report.FrameFate;
import io.mouthpiece.engine.report.LibrarySurvey;
import io.mouthpiece.engine.report.PauseMeasure;
import io.mouthpiece.engine.report.QualityReport;
import io.mouthpiece.engine.report.SyncMeasure;
import java.util.List;
import java.util.Map;

/**
 * [ours] The engine's quality reports as JSON, in the API's snake_case: {@code task_result.quality}
 * and the file {@code mouthpiece sync --report} writes are this. A number that could not be
 * measured (NaN) is null; measures are rounded to 3 decimals.
 */
public final class QualityJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What the sync figures were measured on, said in every report so no one mistakes them for a re-tracking. */
  static final String MEASURED_ON = "the aperture of the mouth drawn in each frame (the chosen exemplar's, 0 where drawn"
      + " shut), not re-tracked from the output video";

  private QualityJson() {}

  /** One object per face, in the request's order. */
  public static ArrayNode of(List<QualityReport> reports) {
    ArrayNode all = JSON.createArrayNode();
    reports.forEach(r -> all.add(of(r)));
    return all;
  }

  static ObjectNode of(QualityReport r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("face_id", r.faceId());
    o.put("verdict", r.verdict());
    o.put("mouth_driven_by", r.drivenBy());
    ArrayNode warnings = o.putArray("warnings");
    r.warnings().forEach(warnings::add);
    o.set("frames", frames(r.frames()));
    o.set("library", library(r.library()));
    o.set("sync", sync(r.sync()));
    o.set("pauses", pauses(r.pauses()));
    return o;
  }

  private static ObjectNode frames(FrameCounts f) {
    ObjectNode o = JSON.createObjectNode().put("total", f.total()).put("in_window", f.inWindow())
        .put("rendered", f.rendered()).put("outside_window", f.outsideWindow())
        .put("passed_through", f.passedThroughTotal());
    ObjectNode why = o.putObject("passed_through_why");
    for (Map.Entry<FrameFate, Integer> e : f.passedThrough().entrySet()) {
      why.put(e.getKey().wire(), e.getValue());
    }
    return o.put("rendered_turned_away", f.renderedTurnedAway());
  }

  private static ObjectNode library(LibrarySurvey l) {
    ObjectNode o = JSON.createObjectNode().put("mouths", l.exemplars()).put("distinct_shapes", l.distinctShapes());
    number(o, "aperture_p5", l.apertureP5());
    number(o, "aperture_p95", l.apertureP95());
    o.put("closable_mouths", l.closableMouths());
    MouthLibrary.Sifting s = l.sifting();
    if (s.offered() >= 0) {
      o.put("frames_offered", s.offered());
      o.putObject("left_out").put("turned_away", s.turnedAway()).put("outside_picture", s.outsidePicture())
          .put("blurred", s.blurred()).put("mouth_covered", s.covered()).put("thinned", s.thinned());
    }
    return o;
  }

  private static ObjectNode sync(SyncMeasure s) {
    ObjectNode o = JSON.createObjectNode().put("measured_on", MEASURED_ON).put("frames", s.frames());
    number(o, "r", s.r());
    o.put("lag_ms", s.lagMs());
    o.putArray("lag_window_ms").add(SyncMeasure.WINDOW_FROM_MS).add(SyncMeasure.WINDOW_TO_MS);
    number(o, "chance_r", s.chanceR());
    number(o, "natural_r", s.naturalR());
    o.put("natural_frames", s.naturalFrames());
    return o.put("min_frames", SyncMeasure.MIN_FRAMES).put("measurable", s.measurable());
  }

  private static ObjectNode pauses(PauseMeasure p) {
    ObjectNode o = JSON.createObjectNode().put("count", p.pauses()).put("frames", p.frames())
        .put("closed_frames", p.closedFrames());
    number(o, "closed_share", p.closedShare());
    number(o, "closed_below", p.closedBelow());
    return o;
  }

  private static void number(ObjectNode o, String name, double v) {
    if (Double.isFinite(v)) {
      o.put(name, Math.round(v * 1000) / 1000.0);
    } else {
      o.putNull(name);
    }
  }
}
