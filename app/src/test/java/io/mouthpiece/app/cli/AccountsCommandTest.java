package io.mouthpiece.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mouthpiece accounts create|list}: keys as JSON on stdout, in the database of --data-dir. */
class AccountsCommandTest {
  @TempDir
  Path dataDir;

  @Test
  void createPrintsTheKeysAndListShowsTheAccountWithoutThem() throws Exception {
    JsonNode created = new ObjectMapper().readTree(run("accounts", "create", "--name", "studio", "--data-dir", dataDir.toString()));
    assertEquals("studio", created.path("name").asText());
    assertTrue(created.path("api_key").asText().startsWith("mp_"));
    assertTrue(created.path("access_key").asText().length() >= 16);
    assertTrue(created.path("secret_key").asText().length() >= 32);
    String listed = run("accounts", "list", "--data-dir", dataDir.toString());
    JsonNode list = new ObjectMapper().readTree(listed);
    assertEquals(1, list.size());
    assertEquals(created.path("access_key").asText(), list.get(0).path("access_key").asText());
    assertTrue(!listed.contains(created.path("secret_key").asText()) && !listed.contains(created.path("api_key").asText()),
        "no secrets in the list");
    assertEquals(2, Main.run("accounts", "create", "--data-dir", dataDir.toString()), "--name is required");
    assertEquals(0, Main.run("accounts", "disable", "studio", "--data-dir", dataDir.toString()));
    assertTrue(run("accounts", "list", "--data-dir", dataDir.toString()).contains("\"disabled\" : true"));
    assertEquals(1, Main.run("accounts", "disable", "nobody", "--data-dir", dataDir.toString()));
  }

  private static String run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true));
    try {
      assertEquals(0, Main.run(args));
    } finally {
      System.setOut(old);
    }
    return out.toString();
  }
}
