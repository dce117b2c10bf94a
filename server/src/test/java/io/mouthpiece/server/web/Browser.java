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
    // The console, so a test can require that the page logged no error.
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return new Browser(driver, profile, shots);
  }

  WebDriverWait waitUpTo(Duration d) {
    return new WebDriverWait(driver, d, Duration.ofMillis(200));
  }

  /** The desktop screen the tests lay the page out on, and the phone one it must also work on. */
  static final int[] DESKTOP = {1366, 900};
  static final int[] PHONE = {390, 844};

  /** Lays the page out in a viewport of exactly this size (CSS pixels), whatever the window's frame takes. */
  void viewport(int[] size) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", size[0], "height", size[1], "deviceScaleFactor", 1, "mobile", false));
    driver.executeAsyncScript("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));");
  }

  /**
   * The step at both sizes, as a person sees it: the 1366x900 screen where the page is scrolled to
   * (e.g. {@code 03-faces-1366.png}), and the whole page at phone width, one 390x844 screen after
   * another ({@code 03-faces-390-1.png}, {@code -2}, ...); the desktop viewport is back on afterwards.
   */
  void shots(String step) throws IOException {
    ++shot;
    capture(String.format("%02d-%s-1366.png", shot, step), null);
    viewport(PHONE);
    Map<String, Object> layout = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> content = (Map<String, Object>) layout.get("cssContentSize");
    double width = Math.max(PHONE[0], ((Number) content.get("width")).doubleValue());
    double height = ((Number) content.get("height")).doubleValue();
    for (int i = 0; i * PHONE[1] < height - 20; i++) { // a last sliver of page background is left out
      capture(String.format("%02d-%s-390-%d.png", shot, step, i + 1), Map.of("x", 0, "y", i * PHONE[1], "scale", 1,
          "width", width, "height", Math.min(PHONE[1], height - i * PHONE[1])));
    }
    viewport(DESKTOP);
  }

  /** The console's errors, but for failed loads (an API refusal is a 4xx the page then explains in words). */
  java.util.List<String> consoleErrors() {
    return driver.manage().logs().get("browser").getAll().stream()
        .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .map(e -> e.getMessage()).filter(m -> !m.contains("Failed to load resource")).toList();
  }

  /** A PNG of the viewport, or of this part of the whole page (DevTools' captureBeyondViewport). */
  private void capture(String name, Map<String, Object> clip) throws IOException {
    Map<String, Object> params = new java.util.HashMap<>(Map.of("format", "png"));
    if (clip != null) {
      params.put("captureBeyondViewport", true);
      params.put("clip", clip);
    }
    Map<String, Object> png = driver.executeCdpCommand("Page.captureScreenshot", params);
    Files.write(shots.resolve(name), Base64.getDecoder().decode((String) png.get("data")));
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (Stream<Path> all = Files.walk(profile)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
