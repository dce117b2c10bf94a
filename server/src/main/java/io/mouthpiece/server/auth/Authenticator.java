package io.mouthpiece.server.auth;

import static io.mouthpiece.server.errors.KlingError.ACCOUNT_ABNORMAL;
import static io.mouthpiece.server.errors.KlingError.AUTH_EXPIRED;
import static io.mouthpiece.server.errors.KlingError.AUTH_FAILED;
import static io.mouthpiece.server.errors.KlingError.AUTH_INVALID;
import static io.mouthpiece.server.errors.KlingError.AUTH_MISSING;
import static io.mouthpiece.server.errors.KlingError.AUTH_NOT_YET_VALID;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.mouthpiece.server.errors.KlingException;

/**
 * Turns an {@code Authorization} header into an account (kling-api.md §6): an API key, or a Kling
 * JWT (HS256, iss = access key, signed with the secret key, nbf/exp checked with a few seconds of
 * leeway). Missing: 1001; malformed or unknown: 1002; nbf ahead: 1003; exp past: 1004; any
 * other failure: 1000; a disabled account: 1100.
 */
public final class Authenticator {
  /** Clock skew tolerated on nbf and exp, seconds. */
  static final long LEEWAY_SEC = 5;

  /** How long a found account is remembered: polling clients then cost no key lookup; a disabling takes this long. */
  static final long CACHE_NS = 10_000_000_000L;

  private final AccountStore accounts;
  private final java.util.concurrent.ConcurrentHashMap<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

  /** A found account and when to look it up again. */
  private record Cached(Account account, long untilNs) {}

  public Authenticator(AccountStore accounts) {
    this.accounts = accounts;
  }

  private java.util.Optional<Account> cached(String key, java.util.function.Supplier<java.util.Optional<Account>> lookup) {
    long now = System.nanoTime();
    Cached c = cache.get(key);
    if (c != null && now - c.untilNs() < 0) {
      return java.util.Optional.of(c.account());
    }
    java.util.Optional<Account> found = lookup.get();
    if (found.isPresent()) {
      if (cache.size() > 10_000) {
        cache.clear();
      }
      cache.put(key, new Cached(found.get(), now + CACHE_NS));
    }
    return found;
  }

  public Account authenticate(String header) {
    if (header == null || header.isBlank()) {
      throw new KlingException(AUTH_MISSING, "Authorization: header missing or empty");
    }
    String token = header.strip();
    if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = token.substring(7).strip();
    }
    if (token.isEmpty() || token.equalsIgnoreCase("Bearer")) {
      throw new KlingException(AUTH_MISSING, "Authorization: empty bearer token");
    }
    Account account = token.chars().filter(ch -> ch == '.').count() == 2 ? fromJwt(token) : fromApiKey(token);
    if (account.disabled()) {
      throw new KlingException(ACCOUNT_ABNORMAL, "account " + account.name() + " is disabled");
    }
    return account;
  }

  private Account fromApiKey(String key) {
    String hash = AccountStore.sha256(key);
    return cached("key:" + hash, () -> accounts.byApiKeyHash(hash))
        .orElseThrow(() -> new KlingException(AUTH_INVALID, "Authorization: unknown API key or malformed token"));
  }

  private Account fromJwt(String token) {
    DecodedJWT unverified;
    try {
      unverified = JWT.decode(token);
    } catch (JWTDecodeException e) {
      throw new KlingException(AUTH_INVALID, "Authorization: malformed JWT (" + e.getMessage() + ")");
    }
    if (!"HS256".equals(unverified.getAlgorithm())) {
      throw new KlingException(AUTH_INVALID, "Authorization: JWT alg must be HS256, got " + unverified.getAlgorithm());
    }
    String iss = unverified.getIssuer();
    if (iss == null) {
      throw new KlingException(AUTH_INVALID, "Authorization: JWT has no iss (the access key)");
    }
    Account account = cached("iss:" + iss, () -> accounts.byAccessKey(iss))
        .orElseThrow(() -> new KlingException(AUTH_INVALID, "Authorization: JWT iss is not a known access key"));
    if (unverified.getExpiresAt() == null) {
      throw new KlingException(AUTH_FAILED, "Authorization: JWT has no exp");
    }
    try {
      JWT.require(Algorithm.HMAC256(account.secretKey())).withIssuer(iss).acceptLeeway(LEEWAY_SEC).build().verify(token);
      return account;
    } catch (TokenExpiredException e) {
      throw new KlingException(AUTH_EXPIRED, "Authorization: JWT expired (exp " + unverified.getExpiresAt().toInstant()
          + ")");
    } catch (IncorrectClaimException e) {
      if ("nbf".equals(e.getClaimName())) {
        throw new KlingException(AUTH_NOT_YET_VALID, "Authorization: JWT not valid yet (nbf "
            + unverified.getNotBefore().toInstant() + ")");
      }
      throw new KlingException(AUTH_FAILED, "Authorization: JWT claim " + e.getClaimName() + " rejected");
    } catch (JWTVerificationException e) {
      throw new KlingException(AUTH_FAILED, "Authorization: JWT verification failed (" + e.getMessage() + ")");
    }
  }
}
