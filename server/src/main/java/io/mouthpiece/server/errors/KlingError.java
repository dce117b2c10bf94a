package io.mouthpiece.server.errors;

/**
 * The error codes of the Kling contract (kling-api.md, "Error codes"), each with the HTTP status
 * it is answered with. The table is mirrored whole, so a code the service does not send today is
 * still named rather than typed as a number when it does.
 */
public enum KlingError {
  /** Authentication failed for a reason none of the other 100x codes names. */
  AUTH_FAILED(401, 1000),
  /** No Authorization header, or an empty one. */
  AUTH_MISSING(401, 1001),
  /** The token is malformed, or names no account. */
  AUTH_INVALID(401, 1002),
  /** The JWT's nbf is still ahead. */
  AUTH_NOT_YET_VALID(401, 1003),
  /** The JWT's exp has passed. */
  AUTH_EXPIRED(401, 1004),
  /** The account is abnormal (disabled). */
  ACCOUNT_ABNORMAL(429, 1100),
  /** No permission for this resource. */
  NO_PERMISSION(403, 1103),
  /** The request as a whole is unusable (not JSON, too large). */
  INVALID_REQUEST(400, 1200),
  /** A parameter breaks a rule; the message names the field and the rule. */
  INVALID_PARAMETER(400, 1201),
  /** The path exists, but not under this method. */
  WRONG_METHOD(404, 1202),
  /** No such resource for this account (task, session, file, path). */
  NOT_FOUND(404, 1203),
  /** The account's rate limit is used up. */
  TOO_MANY_REQUESTS(429, 1302),
  /** The account has as many tasks submitted or processing as it may. */
  TOO_MANY_IN_FLIGHT(429, 1303),
  /** A bug: never the answer to bad input. */
  INTERNAL(500, 5000),
  /** Unavailable for now (shutting down, the database unreachable); worth trying again. */
  UNAVAILABLE(503, 5001),
  /** Timed out inside the service. */
  TIMEOUT(504, 5002);

  private final int httpStatus;
  private final int code;

  KlingError(int httpStatus, int code) {
    this.httpStatus = httpStatus;
    this.code = code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The number in the envelope's {@code code}. */
  public int code() {
    return code;
  }
}
