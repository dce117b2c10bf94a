package io.mouthpiece.server.web;

import io.mouthpiece.engine.testing.Prerequisite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The machine's own headless Chromium, driven by its own chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}): the binaries are named, so Selenium Manager never downloads one. The
 * flags keep Chromium off the network it would otherwise call home on. Skips the test, saying why,
 * where Chromium or chromedriver is absent.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  final ChromeDriver driver;
  private final Path profile;
  private final Path shots;
  private int shot;

  private Browser(ChromeDriver driver, Path profile, Path shots) {
    this.driver = driver;
    this.profile = profile;
    this.shots = shots;
  }

  /** A browser with a fresh profile; screenshots go to {@code target/web-e2e/NAME/}. */
  static Browser start(String name) throws IOException {
    Prerequisite.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER + "); .ci/run installs them");
    Path base = Path.of("target", "web-e2e").toAbsolutePath();
    Path shots = base.resolve(name);
    Files.createDirectories(shots);
    try (Stream<Path> old = Files.list(shots)) {
      old.forEach(p -> p.toFile().delete());
    }
    Path profile = Files.createTempDirectory(base, "profile-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--disable-default-apps", "--disable-extensions", "--mute-audio",
        // The result must play without a click, as a test cannot give the page a real user gesture.
        "--autoplay-policy=no-user-gesture-required", "--user-data-dir=" + profile, "--window-size=1100,1000");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return new Browser(driver, profile, shots);
  }

  WebDriverWait waitUpTo(Duration d) {
    return new WebDriverWait(driver, d, Duration.ofMillis(200));
  }

  void size(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /**
   * A PNG of the whole page, not only the window (DevTools' captureBeyondViewport), named with its
   * step number, e.g. {@code 03-faces.png}: what a person would see scrolling down.
   */
  Path screenshot(String step) throws IOException {
    Path to = shots.resolve(String.format("%02d-%s.png", ++shot, step));
    Map<String, Object> layout = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> content = (Map<String, Object>) layout.get("cssContentSize");
    Map<String, Object> clip = Map.of("x", 0, "y", 0, "scale", 1,
        "width", ((Number) content.get("width")).doubleValue(), "height", ((Number) content.get("height")).doubleValue());
    Map<String, Object> png = driver.executeCdpCommand("Page.captureScreenshot",
        Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    Files.write(to, Base64.getDecoder().decode((String) png.get("data")));
    return to;
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (Stream<Path> all = Files.walk(profile)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
