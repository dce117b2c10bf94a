package io.mouthpiece.server.http;

/**
 * An answer other than success, in kling-api.md's terms: the HTTP status, the Kling code from the
 * error table, and a message naming the field and the rule. Thrown anywhere below a handler;
 * {@link ApiServer} turns it into the envelope.
 */
public final class ApiException extends RuntimeException {
  private final int httpStatus;
  private final int code;

  public ApiException(int httpStatus, int code, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.code = code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int code() {
    return code;
  }

  /** 400 / 1201: a parameter breaks a rule; the message names the field. */
  public static ApiException invalidParameter(String message) {
    return new ApiException(400, 1201, message);
  }

  /** 400 / 1200: the request as a whole is unusable (not JSON, too large). */
  public static ApiException invalidRequest(String message) {
    return new ApiException(400, 1200, message);
  }

  /** 404 / 1203: no such resource for this account. */
  public static ApiException notFound(String message) {
    return new ApiException(404, 1203, message);
  }

  /** 401 with one of 1000..1004. */
  public static ApiException unauthorized(int code, String message) {
    return new ApiException(401, code, message);
  }
}
