package io.mouthpiece.server.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import io.mouthpiece.server.errors.KlingException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads request bodies into the request records: snake_case names, unknown fields refused,
 * numbers sent as JSON strings accepted (a widely used proxy sends them so), fractions refused
 * where whole milliseconds are wanted. Every failure is a 1200 (not JSON, too large) or a 1201
 * naming the field, as {@code face_choose[0].sound_start_time}. The body must come as
 * {@code application/json} (any parameters, such as a charset, allowed).
 */
public final class RequestJson {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  private final long maxBytes;

  public RequestJson(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  public <T> T read(Context ctx, Class<T> type) {
    requireJsonType(ctx.header("Content-Type"));
    if (ctx.contentLength() > maxBytes) {
      throw tooLarge();
    }
    byte[] body;
    try (InputStream in = ctx.bodyInputStream()) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    } catch (IOException e) {
      throw KlingException.invalidRequest("the request body could not be read (" + e.getMessage() + ")");
    }
    if (body.length > maxBytes) {
      throw tooLarge();
    }
    if (body.length == 0) {
      throw KlingException.invalidRequest("the request body is empty; a JSON object is expected");
    }
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw KlingException.invalidRequest("the request body is null; a JSON object is expected");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw translate(e);
    } catch (IOException e) {
      throw KlingException.invalidRequest("the request body could not be read (" + e.getMessage() + ")");
    }
  }

  /**
   * A body is read as JSON only when it says it is: a form or text body that happens to parse would
   * otherwise be taken, and a browser can send text/plain across origins without asking first.
   */
  static void requireJsonType(String contentType) {
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip();
    if (!mediaType.equalsIgnoreCase("application/json")) {
      String got = contentType == null || contentType.isBlank() ? "none" : contentType.strip();
      got = got.length() > 100 ? got.substring(0, 100) + "..." : got;
      throw KlingException.invalidRequest("Content-Type: must be application/json, got " + got);
    }
  }

  private KlingException tooLarge() {
    return KlingException.invalidRequest("the request body is larger than the limit of " + maxBytes + " bytes");
  }

  /** A Jackson failure as the API's error, naming the field by its JSON path. */
  static KlingException translate(JsonProcessingException e) {
    if (e instanceof JsonParseException) {
      return KlingException.invalidRequest("the request body is not valid JSON: " + e.getOriginalMessage());
    }
    String field = path(e);
    if (e instanceof UnrecognizedPropertyException u) {
      String where = field.isEmpty() ? u.getPropertyName() : field;
      return KlingException.invalidParameter(where + ": unknown field");
    }
    if (field.isEmpty()) {
      // Jackson's own words name our classes: the client needs only the shape it should send.
      return KlingException.invalidRequest("the request body must be a JSON object");
    }
    if (e instanceof InvalidFormatException f) {
      return KlingException.invalidParameter(field + ": must be " + typeName(f.getTargetType()) + ", got " + quote(f.getValue()));
    }
    if (e instanceof MismatchedInputException m) {
      return KlingException.invalidParameter(field + ": must be " + typeName(m.getTargetType()));
    }
    return KlingException.invalidParameter(field + ": not of the expected form");
  }

  private static String path(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException m)) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : m.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
      return "a whole number (ms)";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.List.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  private static String quote(Object v) {
    return v instanceof String s ? "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"" : String.valueOf(v);
  }
}
