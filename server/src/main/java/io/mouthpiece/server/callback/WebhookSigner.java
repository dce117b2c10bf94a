package io.mouthpiece.server.callback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (kling-api.md §5): {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}.
 * A secret written {@code whsec_<base64>} is used as its decoded bytes (the standard's form); any
 * other string as its UTF-8 bytes.
 */
public final class WebhookSigner {
  private final byte[] key;

  public WebhookSigner(String secret) {
    this.key = secret.startsWith("whsec_") ? Base64.getDecoder().decode(secret.substring(6))
        : secret.getBytes(StandardCharsets.UTF_8);
  }

  public String sign(String id, long timestampSec, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal((id + "." + timestampSec + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
