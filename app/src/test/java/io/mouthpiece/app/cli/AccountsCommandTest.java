package io.mouthpiece.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
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

  @Test
  void namesAreUniqueAndDisableSaysWhichAccount() throws Exception {
    run("accounts", "create", "--name", "alice", "--data-dir", dataDir.toString());
    Result twice = runCapturing("accounts", "create", "--name", "alice", "--data-dir", dataDir.toString());
    assertEquals(1, twice.exit());
    assertTrue(twice.err().strip().matches("mouthpiece: --name: an account named alice exists already \\(account_id \\S+\\); choose another name"),
        twice.err());
    assertEquals(1, new ObjectMapper().readTree(run("accounts", "list", "--data-dir", dataDir.toString())).size());
    Result disabled = runCapturing("accounts", "disable", "alice", "--data-dir", dataDir.toString());
    assertEquals(0, disabled.exit());
    assertTrue(disabled.err().strip().matches("mouthpiece: disabled account \\S+ \\(alice\\)"), disabled.err());
  }

  @Test
  void readingCommandsNeverCreateADataDir() throws Exception {
    Path none = dataDir.resolve("not-yet");
    for (String[] args : new String[][] {{"accounts", "list"}, {"accounts", "disable", "alice"}}) {
      String[] all = Stream.concat(Arrays.stream(args), Stream.of("--data-dir", none.toString())).toArray(String[]::new);
      Result r = runCapturing(all);
      assertEquals(1, r.exit(), String.join(" ", args));
      assertTrue(r.err().strip().startsWith("mouthpiece: --data-dir: no service data in " + none.toAbsolutePath()), r.err());
      assertTrue(!Files.exists(none), String.join(" ", args) + " created " + none);
    }
  }

  private record Result(int exit, String out, String err) {}

  private static Result runCapturing(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true));
    System.setErr(new PrintStream(err, true));
    try {
      int exit = Main.run(args);
      return new Result(exit, out.toString(), err.toString());
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** Runs a command that must succeed; its stdout. */
  private static String run(String... args) {
    Result r = runCapturing(args);
    assertEquals(0, r.exit(), r.err());
    return r.out();
  }
}
