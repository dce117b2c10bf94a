package io.mouthpiece.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import io.mouthpiece.server.auth.Account;
import io.mouthpiece.server.errors.KlingError;
import io.mouthpiece.server.errors.KlingException;
import io.mouthpiece.server.media.InputRejected;
import io.mouthpiece.server.media.Inputs;
import io.mouthpiece.server.store.FileIndex;
import io.mouthpiece.server.store.FileStore;
import io.mouthpiece.server.store.StoredFile;
import io.mouthpiece.server.task.TaskView;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Uploads ({@code POST /v1/files}, [ours]) and downloads of stored files (results, face crops,
 * uploads) with HTTP range requests, so a browser can seek in a result while it plays. Download
 * URLs carry a random 128-bit id and need no key, like Kling's own result URLs.
 */
final class FileHandlers {
  private final Inputs inputs;
  private final FileIndex index;
  private final FileStore store;
  private final TaskView view;
  private final long maxUploadBytes;
  private final Clock clock;

  /** @param clock tells an expired file, which is no longer served */
  FileHandlers(Inputs inputs, FileIndex index, FileStore store, TaskView view, long maxUploadBytes, Clock clock) {
    this.inputs = inputs;
    this.index = index;
    this.store = store;
    this.view = view;
    this.maxUploadBytes = maxUploadBytes;
    this.clock = clock;
  }

  void upload(Context ctx, Account account) throws IOException {
    if (!ctx.isMultipartFormData()) {
      throw KlingException.invalidRequest("POST /v1/files takes multipart/form-data with the file in the field 'file'");
    }
    if (ctx.contentLength() > maxUploadBytes) {
      throw KlingException.invalidRequest("the upload is larger than the limit of " + maxUploadBytes + " bytes");
    }
    UploadedFile file;
    try {
      file = ctx.uploadedFile("file");
    } catch (RuntimeException e) {
      throw KlingException.invalidRequest("the upload could not be read: " + e.getMessage());
    }
    if (file == null) {
      throw KlingException.invalidParameter("file: required (a multipart field named 'file')");
    }
    Path tmp = inputs.temp(".upload");
    try (InputStream in = file.content(); OutputStream out = Files.newOutputStream(tmp)) {
      if (in.transferTo(out) > maxUploadBytes) {
        throw KlingException.invalidRequest("the upload is larger than the limit of " + maxUploadBytes + " bytes");
      }
    } catch (IOException | RuntimeException | Error e) { // the client went away, the disk filled, too large
      inputs.discard(tmp);
      throw e;
    }
    StoredFile stored;
    try {
      stored = inputs.upload(account.id(), tmp); // keeps the file, or deletes it whatever went wrong
    } catch (InputRejected e) {
      throw KlingException.invalidParameter(e.getMessage());
    }
    Envelope.ok(ctx, fileJson(stored, view));
  }

  /** A held file as the API shows it: id, URL, kind (video or audio) and duration in seconds. */
  static ObjectNode fileJson(StoredFile f, TaskView view) {
    return Envelope.JSON.createObjectNode().put("file_id", f.id()).put("url", view.fileUrl(f.id()))
        .put("kind", f.kind()).put("duration", TaskView.seconds(f.durationMs() == null ? 0 : f.durationMs()));
  }

  void download(Context ctx, Account ignored) throws IOException {
    StoredFile f = index.find(ctx.pathParam("id"), clock.millis())
        .filter(file -> store.exists(file.storageKey()))
        .orElseThrow(() -> KlingException.notFound("file " + ctx.pathParam("id") + " not found (unknown, or deleted after its retention period)"));
    long size = f.sizeBytes();
    ctx.header("Accept-Ranges", "bytes");
    ctx.header("Cache-Control", "private, max-age=3600");
    // Range is defined for GET only; a HEAD must ignore it (RFC 9110 §14.2) and describe the whole file.
    String range = ctx.method() == HandlerType.GET ? ctx.header("Range") : null;
    RangeHeader.Answer answer = RangeHeader.read(range, size);
    if (answer instanceof RangeHeader.Unsatisfiable) {
      ctx.header("Content-Range", "bytes */" + size);
      // 416 is HTTP's answer to a Range, outside Kling's table; the code says what is wrong: the request.
      Envelope.error(ctx, 416, KlingError.INVALID_REQUEST, "Range: no byte of the range is inside the file's " + size
          + " bytes");
      return;
    }
    RangeHeader.Part part = new RangeHeader.Part(0, size - 1);
    if (answer instanceof RangeHeader.Part p) {
      part = p;
      ctx.status(206).header("Content-Range", "bytes " + p.first() + "-" + p.last() + "/" + size);
    }
    ctx.contentType(f.contentType()).header("Content-Length", Long.toString(part.length()));
    if (ctx.method() == HandlerType.HEAD) {
      return;
    }
    InputStream in = store.open(f.storageKey(), part.first(), part.length());
    ctx.result(new BoundedInputStream(in, part.length()));
  }

  /** Reads at most {@code remaining} bytes of a stream. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long remaining) {
      this.in = in;
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
