package io.mouthpiece.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.mouthpiece.server.errors.KlingError;
import io.mouthpiece.server.errors.KlingException;

/** Every JSON answer: {@code {"code", "message", "request_id", "data"}} (kling-api.md, Envelope). */
public final class Envelope {
  static final ObjectMapper JSON = new ObjectMapper();
  /** The ctx attribute holding the request id. */
  static final String REQUEST_ID = "request_id";
  /** Set once an envelope is written, so the not-found mapper leaves a handler's own 404 alone. */
  static final String ANSWERED = "answered";
  static final String CONTENT_TYPE = "application/json";
  /** Kling's code and message for success: every error has its own in {@link KlingError}. */
  private static final int SUCCEED_CODE = 0;
  static final String SUCCEED = "SUCCEED";

  private Envelope() {}

  public static void ok(Context ctx, JsonNode data) {
    ok(ctx, SUCCEED, data);
  }

  /** Success with a message of its own (identify-face saying why it found no face). */
  public static void ok(Context ctx, String message, JsonNode data) {
    write(ctx, 200, SUCCEED_CODE, message, data);
  }

  public static void error(Context ctx, KlingException e) {
    error(ctx, e.error(), e.getMessage(), null);
  }

  /** An error that still carries data (the health check's status). */
  static void error(Context ctx, KlingError error, String message, JsonNode data) {
    write(ctx, error.httpStatus(), error.code(), message, data);
  }

  /**
   * An error under a status of HTTP's own, outside Kling's table (416 to a Range): the code is
   * still the table's.
   */
  static void error(Context ctx, int httpStatus, KlingError error, String message) {
    write(ctx, httpStatus, error.code(), message, null);
  }

  private static void write(Context ctx, int status, int code, String message, JsonNode data) {
    ctx.attribute(ANSWERED, true);
    ctx.status(status).contentType(CONTENT_TYPE).result(json(code, message, ctx.attribute(REQUEST_ID), data));
  }

  /** The envelope's text, for answers written where there is no Javalin context (Jetty's own errors). */
  static String json(KlingError error, String message, String requestId) {
    return json(error.code(), message, requestId, null);
  }

  private static String json(int code, String message, String requestId, JsonNode data) {
    ObjectNode o = JSON.createObjectNode();
    o.put("code", code);
    o.put("message", message);
    o.put("request_id", requestId);
    o.set("data", data);
    return o.toString();
  }
}
