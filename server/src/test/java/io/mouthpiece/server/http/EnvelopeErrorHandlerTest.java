package io.mouthpiece.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mouthpiece.server.Api;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.junit.jupiter.api.Test;

/**
 * The errors Jetty raises on the way to the handlers (a 503 while the service's context shuts
 * down) cannot be provoked on demand against the service, so this runs the error handler in a
 * bare Jetty whose only handler raises them as Jetty does, with {@code sendError}.
 */
class EnvelopeErrorHandlerTest {
  @Test
  void errorsJettyRaisesAreAnsweredInTheEnvelope() throws Exception {
    Server jetty = new Server(0);
    jetty.setErrorHandler(new EnvelopeErrorHandler());
    jetty.setHandler(new AbstractHandler() {
      @Override
      public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
          throws IOException {
        base.setHandled(true);
        response.sendError(Integer.parseInt(target.substring(1)), target.equals("/400") ? "Ambiguous URI" : null);
      }
    });
    jetty.start();
    try {
      String base = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
      expect(base + "/503", 503, 5001, "Service Unavailable");
      expect(base + "/500", 500, 5000, "Server Error");
      expect(base + "/400", 400, 1200, "Ambiguous URI");
    } finally {
      jetty.stop();
    }
  }

  private static void expect(String url, int status, int code, String reason) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(status, r.statusCode(), url);
    assertEquals("application/json", r.headers().firstValue("content-type").orElse(""), url);
    assertEquals("nosniff", r.headers().firstValue("x-content-type-options").orElse(""), url);
    JsonNode body = Api.JSON.readTree(r.body());
    assertEquals(code, body.path("code").asInt(-1), body.toString());
    assertTrue(body.path("message").asText().endsWith(reason), body.toString());
    assertFalse(body.path("request_id").asText().isEmpty(), body.toString());
    assertEquals(body.path("request_id").asText(), r.headers().firstValue("x-request-id").orElse(""));
  }
}
