package io.mouthpiece.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings come from flags over environment over file over defaults, and bad ones name themselves. */
class ConfigLoaderTest {
  @TempDir
  Path dir;

  @Test
  void precedenceAndDefaults() throws Exception {
    Files.writeString(dir.resolve("mouthpiece.properties"), "server.port=9000\nretention.results=7d\njobs.workers=2\n");
    ServerConfig c = ConfigLoader.load(Map.of("data-dir", dir.toString(), "jobs.workers", "3"), null,
        Map.of("MOUTHPIECE_SERVER_PORT", "9100"));
    assertEquals(9100, c.http().port());
    assertEquals(Duration.ofDays(7), c.retention().results());
    assertEquals(3, c.jobs().workers());
    assertEquals("127.0.0.1", c.http().host());
    assertEquals(Duration.ofHours(24), c.retention().sessions());
    assertTrue(c.jdbcUrl().startsWith("jdbc:h2:file:async:" + dir.toAbsolutePath()), c.jdbcUrl());
    assertTrue(c.jdbcUrl().contains(";WRITE_DELAY=0"), "commits are on disk when answered: " + c.jdbcUrl());
  }

  @Test
  void badSettingsNameThemselves() throws Exception {
    Files.writeString(dir.resolve("bad.properties"), "server.prot=1\n");
    var e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(Map.of(), dir.resolve("bad.properties"), Map.of()));
    assertTrue(e.getMessage().contains("server.prot"));
    e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(Map.of("data-dir", dir.toString(), "retention.results", "soon"), null, Map.of()));
    assertTrue(e.getMessage().startsWith("retention.results"));
    e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(Map.of("data-dir", dir.toString(), "jobs.poll-interval", "1s"), null, Map.of()));
    assertTrue(e.getMessage().startsWith("jobs.poll-interval"));
  }

  @Test
  void scaleOutSwitches() throws Exception {
    ServerConfig c = ConfigLoader.load(Map.of("data-dir", dir.toString()), null, Map.of());
    assertEquals(ServerConfig.Role.BOTH, c.role(), "one process does everything by default");
    assertTrue(!c.storage().isS3(), "the local directory by default");
    c = ConfigLoader.load(Map.of("data-dir", dir.toString(), "database.url", "jdbc:postgresql://db/mp",
        "server.public-url", "http://api:8080", "storage.s3.bucket", "b"), null, Map.of("MOUTHPIECE_SERVER_ROLE", "worker"));
    assertEquals(ServerConfig.Role.WORKER, c.role());
    assertTrue(c.storage().isS3() && c.storage().pathStyle());
    var e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(Map.of("data-dir", dir.toString(),
        "server.role", "api"), null, Map.of()));
    assertTrue(e.getMessage().startsWith("server.role"), "api/worker need a shared database: " + e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(Map.of("data-dir", dir.toString(),
        "server.role", "worker", "database.url", "jdbc:postgresql://db/mp"), null, Map.of()));
    assertTrue(e.getMessage().startsWith("server.public-url"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(Map.of("data-dir", dir.toString(),
        "server.role", "everything"), null, Map.of()));
    assertTrue(e.getMessage().startsWith("server.role"));
  }

  @Test
  void durationsArePrintedAsTheSettingsWriteThem() {
    for (String d : new String[] {"500ms", "30s", "90s", "10m", "24h", "30d", "1500ms"}) {
      assertEquals(d, ConfigLoader.formatDuration(ConfigLoader.parseDuration("x", d)), "round trip of " + d);
    }
    assertEquals("2m", ConfigLoader.formatDuration(java.time.Duration.ofSeconds(120)));
    assertEquals("0ms", ConfigLoader.formatDuration(java.time.Duration.ZERO));
  }
}
