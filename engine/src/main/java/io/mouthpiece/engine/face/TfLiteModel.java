package io.mouthpiece.engine.face;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.tensorflow.lite.Interpreter;

/**
 * Opens a TFLite model shipped in the engine jar, with XNNPACK on. The JNI library of
 * tflite-native-cpu is not loaded by the Java API itself, so it is extracted from its jar and
 * loaded once here before the first interpreter is made.
 */
final class TfLiteModel {
  private static final String NATIVE = "/native/lib/libtensorflowlite_jni.so";
  private static boolean nativeLoaded;

  private TfLiteModel() {}

  /** A new interpreter for {@code models/<name>}; each thread needs its own. */
  static Interpreter open(String name, int threads) {
    loadNative();
    ByteBuffer model = resource("models/" + name);
    Interpreter.Options options = new Interpreter.Options().setUseXNNPACK(true).setNumThreads(threads);
    return new Interpreter(model, options);
  }

  private static ByteBuffer resource(String name) {
    try (InputStream in = TfLiteModel.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("model " + name + " is missing from the engine jar; "
            + "build with `mvn package` (it fetches the models from npm)");
      }
      byte[] bytes = in.readAllBytes();
      ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder());
      buffer.put(bytes).flip();
      return buffer;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + name, e);
    }
  }

  private static synchronized void loadNative() {
    if (nativeLoaded) {
      return;
    }
    try (InputStream in = Interpreter.class.getResourceAsStream(NATIVE)) {
      if (in == null) {
        throw new IllegalStateException("libtensorflowlite_jni.so not on the class path "
            + "(ai.djl.tflite:tflite-native-cpu for this platform is missing)");
      }
      Path dir = Files.createTempDirectory("mouthpiece-tflite");
      Path lib = dir.resolve("libtensorflowlite_jni.so");
      try {
        Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
        System.load(lib.toString());
      } finally {
        // Once loaded, the library is mapped: its file can go at once. Deleting it only at exit
        // left a 5 MB copy in the temp folder after every kill -9.
        Files.deleteIfExists(lib);
        Files.deleteIfExists(dir);
      }
      nativeLoaded = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the TFLite native library", e);
    }
  }
}
