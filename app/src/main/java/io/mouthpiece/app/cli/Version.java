package io.mouthpiece.app.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code mouthpiece --version}, from the jar's manifest. */
public final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"mouthpiece " + (v == null ? "(development build)" : v)};
  }
}
