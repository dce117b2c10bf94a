package io.mouthpiece.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.mouthpiece.server.Api;
import io.mouthpiece.server.TestServer;
import io.mouthpiece.server.task.api.AdvancedLipSyncRequest;
import io.mouthpiece.server.task.api.LipSyncRequest;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document the server serves says what it really serves and accepts: the same routes, the same fields. */
class OpenApiTest {
  @Test
  void documentListsExactlyTheRoutesAndTheAcceptedFields() throws Exception {
    try (TestServer server = TestServer.start(Map.of())) {
      Api.Answer a = server.api.get("/openapi.json", null);
      assertEquals(200, a.status());
      JsonNode doc = a.json();
      assertEquals(new TreeSet<>(server.server.routeKeys()), documentedRoutes(doc));

      JsonNode schemas = doc.path("components").path("schemas");
      assertEquals(accepted(AdvancedLipSyncRequest.class), names(schemas.path("AdvancedLipSyncRequest")));
      assertEquals(accepted(AdvancedLipSyncRequest.FaceChoose.class), names(schemas.path("FaceChoose")));
      assertEquals(accepted(AdvancedLipSyncRequest.WatermarkInfo.class),
          names(schemas.path("AdvancedLipSyncRequest").path("properties").path("watermark_info")));
      assertEquals(accepted(LipSyncRequest.class), names(schemas.path("LipSyncRequest")));
      assertEquals(accepted(LipSyncRequest.Input.class), names(schemas.path("LipSyncRequest").path("properties").path("input")));
      assertEquals(accepted(IdentifyHandler.IdentifyRequest.class), names(schemas.path("IdentifyRequest")));
    }
  }

  /** "METHOD /path" for every operation, each path under its servers (its own, else the document's). */
  private static Set<String> documentedRoutes(JsonNode doc) {
    Set<String> routes = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      JsonNode servers = path.getValue().has("servers") ? path.getValue().path("servers") : doc.path("servers");
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        String method = methods.next();
        if (method.equals("servers")) {
          continue;
        }
        for (JsonNode server : servers) {
          String prefix = server.path("url").asText().replaceAll("/$", "");
          routes.add(method.toUpperCase(Locale.ROOT) + " " + prefix + path.getKey());
        }
      }
    }
    return routes;
  }

  /** The JSON names the server's reader accepts for a request type, aliases included; and that it refuses others. */
  private static Set<String> accepted(Class<?> type) {
    JavaType t = RequestJson.MAPPER.constructType(type);
    BeanDescription d = RequestJson.MAPPER.getDeserializationConfig().introspect(t);
    Set<String> names = new TreeSet<>();
    for (BeanPropertyDefinition p : d.findProperties()) {
      names.add(p.getName());
      for (PropertyName alias : p.findAliases()) {
        names.add(alias.getSimpleName());
      }
    }
    return names;
  }

  private static Set<String> names(JsonNode schema) {
    assertEquals(false, schema.path("additionalProperties").asBoolean(true), "unknown fields are refused: " + schema);
    Set<String> names = new TreeSet<>();
    schema.path("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }
}
