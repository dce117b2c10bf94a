package io.mouthpiece.server.callback;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mouthpiece.server.config.ServerConfig;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** When a failed callback is tried again, and when it never is. */
class CallbackSenderTest {
  private static final ServerConfig.Callbacks CONFIG = new ServerConfig.Callbacks(Duration.ofSeconds(2), 5, "");

  @Test
  void anAddressThePolicyRefusesIsNeverRetried() throws Exception {
    CallbackSender.Retries noRetryAllowed = (at, retry) -> {
      throw new AssertionError("a refused address was scheduled for a retry");
    };
    try (CallbackSender sender = new CallbackSender(CONFIG, false, noRetryAllowed)) {
      for (String url : new String[] {"http://127.0.0.1:9/cb", "http://10.1.2.3/cb", "http://169.254.169.254/latest"}) {
        sender.attempt(new CallbackDelivery("t1", url, "{}", "msg_1", 0));
      }
    }
  }

  @Test
  void aReceiverThatCannotBeReachedIsRetried() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    AtomicBoolean retried = new AtomicBoolean();
    CallbackSender.Retries retries = (at, retry) -> retried.set(true);
    try (CallbackSender sender = new CallbackSender(CONFIG, true, retries)) {
      sender.attempt(new CallbackDelivery("t1", "http://127.0.0.1:" + closedPort + "/cb", "{}", "msg_1", 0));
    }
    assertTrue(retried.get(), "a connection refused is worth another try");
  }
}
