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
  static final String CONTENT_TYPE = "application/json";

  private Envelope() {}

  public static void ok(Context ctx, JsonNode data) {
    write(ctx, 200, 0, "SUCCEED", data);
  }

  public static void error(Context ctx, ApiException e) {
    write(ctx, e.httpStatus(), e.code(), e.getMessage(), null);
  }

  static void write(Context ctx, int status, int code, String message, JsonNode data) {
    ctx.attribute(ANSWERED, true);
    ctx.status(status).contentType(CONTENT_TYPE).result(json(code, message, ctx.attribute(REQUEST_ID), data));
  }

  /** The envelope's text, for answers written where there is no Javalin context (Jetty's own errors). */
  static String json(int code, String message, String requestId, JsonNode data) {
    ObjectNode o = JSON.createObjectNode();
    o.put("code", code);
    o.put("message", message);
    o.put("request_id", requestId);
    o.set("data", data);
    return o.toString();
  }
}
