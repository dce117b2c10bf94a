package io.mouthpiece.server.store;

import io.mouthpiece.server.config.ServerConfig;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link FileStore} in an S3-compatible bucket, for several processes sharing one store. Objects
 * are written whole with a known length (a PUT streamed from the finished local file), so readers
 * never see part of one; a key written again (a re-run result) is replaced, never doubled. Ranges
 * are passed on to GetObject. The engine's local copies are cached under {@code files/.cache}.
 */
public final class S3FileStore implements FileStore {
  private final S3Client s3;
  private final String bucket;
  private final Path tmp;
  private final Path cache;

  public S3FileStore(ServerConfig.Storage config, Path localRoot) throws IOException {
    S3ClientBuilder builder = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .region(Region.of(config.region()))
        .forcePathStyle(config.pathStyle())
        // Checksums only where S3 requires them: the SDK's default streaming trailers are not
        // understood by every S3-compatible server.
        .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(config.accessKey().isBlank() ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey())));
    if (!config.endpoint().isBlank()) {
      builder.endpointOverride(URI.create(config.endpoint()));
    }
    this.s3 = builder.build();
    this.bucket = config.bucket();
    this.tmp = localRoot.toAbsolutePath().resolve(".tmp");
    this.cache = localRoot.toAbsolutePath().resolve(".cache");
    Files.createDirectories(tmp);
    Files.createDirectories(cache);
    ensureBucket();
  }

  /**
   * Creates the bucket when it is missing, so a fresh S3 server needs no setup step. Processes
   * started together all find it missing and all try to create it: the losers' 409 is success when
   * the bucket now answers to these credentials (AWS says BucketAlreadyOwnedByYou; some
   * S3-compatible servers say BucketAlreadyExists even to its owner).
   */
  private void ensureBucket() throws IOException {
    if (bucketAnswers()) {
      return;
    }
    try {
      s3.createBucket(b -> b.bucket(bucket));
    } catch (S3Exception e) {
      if (e.statusCode() != 409 || !bucketAnswers()) {
        throw new IOException("bucket " + bucket + ": " + e.getMessage(), e);
      }
    } catch (SdkException e) {
      throw new IOException("bucket " + bucket + ": " + e.getMessage(), e);
    }
  }

  /** Whether the bucket exists and these credentials may use it; false when it is missing. */
  private boolean bucketAnswers() throws IOException {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw new IOException("bucket " + bucket + ": " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException("bucket " + bucket + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void putFile(String key, Path source) throws IOException {
    call(() -> s3.putObject(b -> b.bucket(bucket).key(key).contentLength(sizeOf(source)), RequestBody.fromFile(source)));
    Files.deleteIfExists(source);
    Files.deleteIfExists(cachePath(key)); // a replaced object must not be read from an old copy
  }

  @Override
  public void putBytes(String key, byte[] bytes) throws IOException {
    call(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes)));
    Files.deleteIfExists(cachePath(key));
  }

  @Override
  public Path localPath(String key) throws IOException {
    Path cached = cachePath(key);
    if (Files.isRegularFile(cached)) {
      Files.setLastModifiedTime(cached, FileTime.fromMillis(System.currentTimeMillis())); // in use: keep it
      return cached;
    }
    Path part = tempFile(".get");
    Files.delete(part); // toFile refuses to overwrite
    try {
      s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(part));
      Files.createDirectories(cached.getParent());
      // Atomic, so a concurrent reader of the same key sees the whole copy or none.
      Files.move(part, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return cached;
    } catch (NoSuchKeyException e) {
      throw new FileNotFoundException("no stored file " + key);
    } catch (SdkException e) {
      throw new IOException("reading " + key + ": " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(part); // moved when it worked; a part of the object when it did not
    }
  }

  @Override
  public Path tempFile(String suffix) throws IOException {
    return Files.createTempFile(tmp, "part-", suffix);
  }

  @Override
  public InputStream open(String key, long offset, long length) throws IOException {
    try {
      return s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=" + offset + "-" + (offset + length - 1)));
    } catch (NoSuchKeyException e) {
      throw new FileNotFoundException("no stored file " + key);
    } catch (SdkException e) {
      throw new IOException("reading " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean exists(String key) {
    try {
      s3.headObject(b -> b.bucket(bucket).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void delete(String key) throws IOException {
    call(() -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    Files.deleteIfExists(cachePath(key));
  }

  @Override
  public List<Entry> list() throws IOException {
    try {
      // Collected here: the paginator is lazy, and a page failing later would escape this catch.
      return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
          .map(o -> new Entry(o.key(), o.lastModified().toEpochMilli())).toList();
    } catch (SdkException e) {
      throw new IOException("listing " + bucket + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void sweepLocal() throws IOException {
    long anHourAgo = System.currentTimeMillis() - 3_600_000;
    LocalFileStore.deleteWrittenBefore(tmp, anHourAgo);
    LocalFileStore.deleteWrittenBefore(cache, anHourAgo);
  }

  @Override
  public int sweepTemp(long writtenBeforeMs) throws IOException {
    return LocalFileStore.deleteWrittenBefore(tmp, writtenBeforeMs);
  }

  private Path cachePath(String key) {
    Path p = cache.resolve(key).normalize();
    if (!p.startsWith(cache) || p.equals(cache)) {
      throw new IllegalArgumentException("bad storage key: " + key);
    }
    return p;
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Runs an S3 call, its failures as IOException like the local store's. */
  private static void call(Runnable request) throws IOException {
    try {
      request.run();
    } catch (SdkException | java.io.UncheckedIOException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
