package io.mouthpiece.server.scale;

import java.net.URI;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3-compatible server for tests: S3Proxy (Maven Central) on an in-memory jclouds blob
 * store, on a random loopback port, checking AWS V4 signatures with a fixed key pair.
 */
public final class S3Server implements AutoCloseable {
  public static final String ACCESS_KEY = "mouthpiece-test";
  public static final String SECRET_KEY = "mouthpiece-test-secret";

  private final S3Proxy proxy;
  private final BlobStoreContext context;

  private S3Server(S3Proxy proxy, BlobStoreContext context) {
    this.proxy = proxy;
    this.context = context;
  }

  public static S3Server start() throws Exception {
    BlobStoreContext context = ContextBuilder.newBuilder("transient").overrides(new Properties())
        .build(BlobStoreContext.class);
    S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
    proxy.start();
    while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
      Thread.sleep(20);
    }
    return new S3Server(proxy, context);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** The keys in a bucket, straight from the server's blob store. */
  public java.util.List<String> keys(String bucket) {
    return context.getBlobStore().list(bucket, org.jclouds.blobstore.options.ListContainerOptions.Builder.recursive())
        .stream().filter(m -> m.getType() == org.jclouds.blobstore.domain.StorageType.BLOB).map(m -> m.getName())
        .sorted().toList();
  }

  /** The settings that point the service at this server's {@code bucket}. */
  public java.util.Map<String, String> settings(String bucket) {
    return java.util.Map.of("storage.s3.bucket", bucket, "storage.s3.endpoint", endpoint(),
        "storage.s3.access-key", ACCESS_KEY, "storage.s3.secret-key", SECRET_KEY, "storage.s3.path-style", "true");
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    context.close();
  }
}
