package io.mouthpiece.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mouthpiece.server.auth.Account;
import io.mouthpiece.server.auth.AccountKeys;
import io.mouthpiece.server.auth.AccountStore;
import io.mouthpiece.server.db.Database;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mouthpiece accounts create|list}: the service's accounts, in its database (also while it runs). */
@Command(
    name = "accounts",
    mixinStandardHelpOptions = true,
    headerHeading = "%n",
    header = "Creates and lists the service's accounts.",
    description = "Works on the database of --data-dir (or the configured database), also while `serve` runs.",
    subcommands = {AccountsCommand.Create.class, AccountsCommand.List.class, AccountsCommand.Disable.class})
final class AccountsCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  static String json(AccountKeys k) {
    ObjectNode o = JSON.createObjectNode().put("account_id", k.accountId()).put("name", k.name())
        .put("api_key", k.apiKey()).put("access_key", k.accessKey()).put("secret_key", k.secretKey());
    return o.toPrettyString();
  }

  /** {@code accounts create --name N}. */
  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Creates an account; prints its api_key, access_key and secret_key as JSON on stdout. "
          + "Keep them: the API key is stored only as a hash and is never shown again.")
  static final class Create implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "A name for people (1 to 200 characters).")
    String name;

    @Override
    public Integer call() throws Exception {
      try (Database db = Database.open(config.load(Map.of()))) {
        System.out.println(json(new AccountStore(db).create(name)));
      }
      return 0;
    }
  }

  /** {@code accounts disable ACCOUNT [--enable]}. */
  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Disables an account (by id or name): its requests get 429 with code 1100 (within 10 s). "
          + "--enable undoes it.")
  static final class Disable implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @picocli.CommandLine.Parameters(paramLabel = "ACCOUNT", description = "The account's id or name.")
    String account;

    @Option(names = "--enable", description = "Enable it again.")
    boolean enable;

    @Override
    public Integer call() throws Exception {
      try (Database db = Database.open(config.loadExisting())) {
        Account a = new AccountStore(db).setDisabled(account, !enable);
        System.err.println("mouthpiece: " + (enable ? "enabled" : "disabled") + " account " + a.id() + " (" + a.name() + ")");
      }
      return 0;
    }
  }

  /** {@code accounts list}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists the accounts as JSON on stdout: id, name, access_key, created_at (no secrets).")
  static final class List implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
      try (Database db = Database.open(config.loadExisting())) {
        ArrayNode all = JSON.createArrayNode();
        for (Account a : new AccountStore(db).list()) {
          all.addObject().put("account_id", a.id()).put("name", a.name()).put("access_key", a.accessKey())
              .put("disabled", a.disabled()).put("created_at", a.createdAt());
        }
        System.out.println(all.toPrettyString());
      }
      return 0;
    }
  }
}
