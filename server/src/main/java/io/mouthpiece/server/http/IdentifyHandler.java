package io.mouthpiece.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.mouthpiece.engine.speaker.SpeakingRange;
import io.mouthpiece.server.auth.Account;
import io.mouthpiece.server.errors.KlingException;
import io.mouthpiece.server.identify.IdentifyService;
import io.mouthpiece.server.identify.Session;
import io.mouthpiece.server.task.TaskView;

/** identify-face (kling-api.md §1). */
final class IdentifyHandler {
  /** The body: exactly one of video_url or video_id. */
  record IdentifyRequest(String videoUrl, String videoId) {}

  private final RequestJson json;
  private final IdentifyService identify;
  private final TaskView view;

  IdentifyHandler(RequestJson json, IdentifyService identify, TaskView view) {
    this.json = json;
    this.identify = identify;
    this.view = view;
  }

  void identify(Context ctx, Account account) throws InterruptedException {
    IdentifyRequest r = json.read(ctx, IdentifyRequest.class);
    if ((r.videoUrl() == null) == (r.videoId() == null)) {
      throw KlingException.invalidParameter("video_url: give exactly one of video_url or video_id");
    }
    if (r.videoUrl() != null && r.videoUrl().isBlank() || r.videoId() != null && r.videoId().isBlank()) {
      throw KlingException.invalidParameter((r.videoUrl() != null ? "video_url" : "video_id") + ": must not be empty");
    }
    IdentifyService.Result result = identify.identify(account.id(), r.videoUrl(), r.videoId());
    Session s = result.session();
    ObjectNode data = Envelope.JSON.createObjectNode();
    data.put("session_id", s.id());
    data.put("final_unit_deduction", "0");
    ArrayNode faces = data.putArray("face_data");
    for (Session.Face f : s.faces()) {
      ObjectNode face = faces.addObject().put("face_id", f.faceId()).put("face_image", view.fileUrl(f.imageFileId()))
          .put("start_time", f.startMs()).put("end_time", f.endMs());
      // Ours: when this face speaks, from its mouth against the video's own sound.
      ArrayNode speaking = face.putArray("speaking");
      for (SpeakingRange range : result.speaking().of(f.faceId())) {
        speaking.addObject().put("start_time", range.startMs()).put("end_time", range.endMs());
      }
    }
    if (result.defaultFaceId() != null) {
      data.put("default_face_id", result.defaultFaceId());
    }
    if (!result.speaking().note().isEmpty()) {
      data.put("speaking_note", result.speaking().note());
    }
    Envelope.ok(ctx, result.note().isEmpty() ? Envelope.SUCCEED : result.note(), data);
  }
}
