package io.mouthpiece.server.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Which URLs may be fetched: http and https only, and, unless private addresses are allowed,
 * no host that resolves to a loopback, private, link-local, carrier-grade NAT, unique-local,
 * multicast or unspecified address (so a caller cannot make the service read its own network).
 */
public final class AddressPolicy {
  private final boolean allowPrivate;

  public AddressPolicy(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** The URL parsed, or an explanation naming {@code field}; does not resolve the host. */
  public static URI parseHttpUrl(String field, String url) throws FetchException {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (java.net.URISyntaxException e) {
      throw new FetchException(field + ": not a valid URL (" + e.getReason() + ")", false);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FetchException(field + ": must be an http or https URL, got scheme '" + scheme + "'", false);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new FetchException(field + ": the URL has no host", false);
    }
    return uri;
  }

  /** Resolves the host and refuses it when any of its addresses is not public (unless allowed). */
  public void check(String field, URI uri) throws FetchException {
    if (allowPrivate) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      throw new FetchException(field + ": unknown host " + uri.getHost(), true);
    }
    for (InetAddress a : addresses) {
      if (!isPublic(a)) {
        throw new FetchException(field + ": the host " + uri.getHost() + " is a private, loopback or link-local address ("
            + a.getHostAddress() + "); such URLs are refused", false);
      }
    }
  }

  static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first != 0 && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
          && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) && first < 240;
    }
    if (a instanceof Inet6Address) {
      boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
      boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff && java.util.stream.IntStream.range(0, 10).allMatch(i -> b[i] == 0);
      if (mapped) {
        try {
          return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
          return false;
        }
      }
      return !uniqueLocal;
    }
    return false;
  }
}
