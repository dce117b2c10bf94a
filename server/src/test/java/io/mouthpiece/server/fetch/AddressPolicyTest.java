package io.mouthpiece.server.fetch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Which addresses count as public, by literal (no DNS). */
class AddressPolicyTest {
  @Test
  void privateLoopbackLinkLocalAndFriendsAreRefused() throws Exception {
    for (String a : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
        "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "224.0.0.1"}) {
      assertFalse(AddressPolicy.isPublic(InetAddress.getByName(a)), a);
    }
    for (String a : new String[] {"8.8.8.8", "1.1.1.1", "2001:4860:4860::8888"}) {
      assertTrue(AddressPolicy.isPublic(InetAddress.getByName(a)), a);
    }
  }

  @Test
  void onlyHttpAndHttps() {
    assertThrows(FetchException.class, () -> AddressPolicy.parseHttpUrl("f", "file:///etc/passwd"));
    assertThrows(FetchException.class, () -> AddressPolicy.parseHttpUrl("f", "gopher://x/"));
    assertThrows(FetchException.class, () -> AddressPolicy.parseHttpUrl("f", "http:///nohost"));
    assertThrows(FetchException.class, () -> new AddressPolicy(false).check("f", URI.create("http://127.0.0.1/x")));
  }
}
