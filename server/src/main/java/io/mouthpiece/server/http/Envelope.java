package io.mouthpiece.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/** Every JSON answer: {@code {"code", "message", "request_id", "data"}} (kling-api.md, Envelope). */
public final class Envelope {
  static final ObjectMapper JSON = new ObjectMapper();
  /** The ctx attribute holding the request id. */
  static final String REQUEST_ID = "request_id";
  /** Set once an envelope is written, so the not-found mapper leaves a handler's own 404 alone. */
  static final String ANSWERED = "answered";

  private Envelope() {}

  public static void ok(Context ctx, JsonNode data) {
    write(ctx, 200, 0, "SUCCEED", data);
  }

  public static void error(Context ctx, ApiException e) {
    write(ctx, e.httpStatus(), e.code(), e.getMessage(), null);
  }

  static void write(Context ctx, int status, int code, String message, JsonNode data) {
    ObjectNode o = JSON.createObjectNode();
    o.put("code", code);
    o.put("message", message);
    o.put("request_id", (String) ctx.attribute(REQUEST_ID));
    o.set("data", data);
    ctx.attribute(ANSWERED, true);
    ctx.status(status).contentType("application/json").result(o.toString());
  }
}
