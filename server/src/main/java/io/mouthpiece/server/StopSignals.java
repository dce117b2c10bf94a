package io.mouthpiece.server;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Stops a running server gracefully on SIGTERM and SIGINT (Ctrl-C), before the JVM begins to exit,
 * and at any other exit as a shutdown hook. Why not the hook alone: the JVM runs every shutdown hook
 * at once, and H2 has its own, which closes the embedded database while our stop still writes to it
 * (the job server's sign-off, a render finishing within its grace): "Database is already closed"
 * on most stops. H2's hook cannot be turned off (DB_CLOSE_ON_EXIT=FALSE is refused together with
 * AUTO_SERVER, which lets {@code mouthpiece accounts} in while {@code serve} runs); handling the
 * signal ourselves means our stop has finished, database last, before any hook runs. A second signal
 * does not wait for the first stop: the caller exits at once.
 */
public final class StopSignals {
  private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

  private StopSignals() {}

  /** Closes {@code server} on SIGTERM, SIGINT or JVM exit; the latch opens once it is closed (the caller then exits 0). */
  public static CountDownLatch closeOnStop(MouthpieceServer server) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runnable stop = () -> {
      server.close();
      stopped.countDown();
    };
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), signal -> stop.run());
      } catch (IllegalArgumentException e) {
        // The JVM keeps the signal (run with -Xrs, say): the shutdown hook below stops the server then.
        LOG.warn("cannot handle SIG{} ({}); stopping on it relies on the shutdown hook", name, e.getMessage());
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "shutdown"));
    return stopped;
  }
}
