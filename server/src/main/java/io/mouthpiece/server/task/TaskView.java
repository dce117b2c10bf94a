package io.mouthpiece.server.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A task as the API shows it (kling-api.md §3), the same object in answers and in callbacks.
 * Stored result and parent-video records hold file ids; URLs are made here, from the base URL.
 */
public final class TaskView {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Supplier<String> baseUrl;

  public TaskView(Supplier<String> baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The URL the service serves a stored file at. */
  public String fileUrl(String fileId) {
    return baseUrl.get() + "/v1/files/" + fileId + "/content";
  }

  /** {@code videos[].duration} and {@code parent_video.duration}: a string of seconds, "5.04". */
  public static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.2f", ms / 1000.0);
  }

  /**
   * A task's result as kept in its JSON column: its videos (each a {@link #fileRef}) and [ours] the
   * quality report of each face ({@link QualityJson}).
   */
  public static String result(List<String> videoRefs, JsonNode quality) {
    ObjectNode n = JSON.createObjectNode();
    ArrayNode videos = n.putArray("videos");
    for (String ref : videoRefs) {
      videos.add(parse(ref));
    }
    n.set("quality", quality);
    return n.toString();
  }

  /** A stored file reference, {"id", "duration"}, as kept in the task's JSON columns. */
  public static String fileRef(String id, String watermarkId, long durationMs) {
    ObjectNode n = JSON.createObjectNode().put("id", id).put("duration", seconds(durationMs));
    if (watermarkId != null) {
      n.put("watermark_id", watermarkId);
    }
    return n.toString();
  }

  public ObjectNode render(Task t) {
    ObjectNode o = JSON.createObjectNode();
    o.put("task_id", t.id());
    o.put("task_status", t.status().wire());
    o.put("task_status_msg", t.statusMsg());
    ObjectNode info = o.putObject("task_info");
    info.put("external_task_id", t.externalTaskId());
    JsonNode parent = parse(t.parentVideoJson());
    if (parent != null) {
      info.putObject("parent_video").put("id", parent.path("id").asText()).put("url", fileUrl(parent.path("id").asText()))
          .put("duration", parent.path("duration").asText());
    }
    ObjectNode taskResult = o.putObject("task_result");
    ArrayNode videos = taskResult.putArray("videos");
    JsonNode result = parse(t.resultJson());
    // Stored as {"videos": [...], "quality": [...]}; results stored before the quality report are the bare videos array.
    JsonNode stored = result != null && result.isObject() ? result.path("videos") : result;
    if (stored != null) {
      for (JsonNode v : stored) {
        ObjectNode video = videos.addObject().put("id", v.path("id").asText()).put("url", fileUrl(v.path("id").asText()));
        video.put("watermark_url", v.hasNonNull("watermark_id") ? fileUrl(v.path("watermark_id").asText()) : "");
        video.put("duration", v.path("duration").asText());
      }
    }
    if (result != null && result.path("quality").isArray()) {
      taskResult.set("quality", result.path("quality")); // [ours] QualityJson: how well each face came out
    }
    JsonNode plan = parse(t.planJson());
    o.putObject("watermark_info").put("enabled", plan != null && plan.path("watermark").asBoolean(false));
    o.put("final_unit_deduction", "0");
    o.put("created_at", t.createdAt());
    o.put("updated_at", t.updatedAt());
    o.put("task_progress", t.progress());
    if (plan != null) {
      o.set("task_input", input(plan));
    }
    return o;
  }

  /**
   * [ours] What the task was asked to do, in the create request's words, each face with its track
   * and crop as identify-face gave them: enough for a client to show a past task again, or send it
   * again while its session lasts. The older endpoint's one item has no face_id (the largest face).
   */
  private ObjectNode input(JsonNode plan) {
    ObjectNode in = JSON.createObjectNode();
    in.put("session_id", textOrNull(plan.path("sessionId")));
    in.put("original_audio_volume", plan.path("originalGain").asDouble(1.0));
    ArrayNode faces = in.putArray("face_choose");
    for (JsonNode d : plan.path("dubs")) {
      ObjectNode f = faces.addObject();
      f.put("face_id", textOrNull(d.path("faceId")));
      JsonNode face = d.path("face");
      if (face.isObject()) {
        f.put("face_image", fileUrl(face.path("imageFileId").asText()));
        f.put("start_time", face.path("startMs").asLong());
        f.put("end_time", face.path("endMs").asLong());
      }
      String audioId = textOrNull(d.path("audioFileId"));
      f.put("audio_id", audioId);
      f.put("sound_file", textOrNull(d.path("audioUrl")));
      f.put("audio_url", audioId != null ? fileUrl(audioId) : textOrNull(d.path("audioUrl")));
      f.put("sound_start_time", d.path("startMs").asLong());
      if (d.path("endMs").isNumber()) {
        f.put("sound_end_time", d.path("endMs").asLong());
      } else {
        f.putNull("sound_end_time"); // to the audio's end
      }
      f.put("sound_insert_time", d.path("insertMs").asLong());
      f.put("sound_volume", d.path("gain").asDouble(1.0));
      f.put("sync_mode", d.hasNonNull("syncMode") ? d.path("syncMode").asText() : "cut_off");
    }
    return in;
  }

  private static String textOrNull(JsonNode n) {
    return n.isTextual() ? n.asText() : null;
  }

  private static JsonNode parse(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("bad stored JSON", e);
    }
  }
}
