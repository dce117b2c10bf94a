package io.mouthpiece.server.http;

import io.mouthpiece.server.errors.KlingError;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's own error answers in the envelope instead of its HTML page: requests refused before any
 * handler runs (headers or URL too large, a request line or header it cannot parse, a path it
 * will not decode) and errors Jetty raises on the way to the handlers (503 while shutting down).
 * The status stays the one Jetty picked; every answer has a request id like any other.
 */
final class EnvelopeErrorHandler extends ErrorHandler {
  private static final Logger LOG = LoggerFactory.getLogger(EnvelopeErrorHandler.class);

  /**
   * The parser gave up on the request, so there is nothing to dispatch: only headers and a body to
   * send. Whatever the status (431, 414, 400, 505 ...) the bytes sent were not a usable request: 1200.
   */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    String id = UUID.randomUUID().toString();
    fields.put(HttpHeader.CONTENT_TYPE, Envelope.CONTENT_TYPE);
    fields.put(ApiServer.REQUEST_ID_HEADER, id);
    fields.put(ApiServer.NOSNIFF_HEADER, "nosniff");
    return ByteBuffer.wrap(body(status, KlingError.INVALID_REQUEST, reason, id));
  }

  /** The request was parsed but Jetty refused it (or failed) before or around the handlers. */
  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    baseRequest.setHandled(true);
    String id = response.getHeader(ApiServer.REQUEST_ID_HEADER);
    if (id == null) {
      id = UUID.randomUUID().toString();
      response.setHeader(ApiServer.REQUEST_ID_HEADER, id);
    }
    int status = response.getStatus();
    KlingError error = status == 503 ? KlingError.UNAVAILABLE : status >= 500 ? KlingError.INTERNAL
        : KlingError.INVALID_REQUEST;
    String reason = (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    byte[] body = body(status, error, reason != null ? reason : baseRequest.getResponse().getReason(), id);
    response.setHeader(ApiServer.NOSNIFF_HEADER, "nosniff");
    response.setContentType(Envelope.CONTENT_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static byte[] body(int status, KlingError error, String reason, String id) {
    String why = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
    LOG.debug("answered by Jetty: {} {} (request_id {})", status, why, id);
    String message = (error == KlingError.INVALID_REQUEST ? "the request could not be read: "
        : "the service could not answer: ") + why;
    return Envelope.json(error, message, id).getBytes(StandardCharsets.UTF_8);
  }
}
