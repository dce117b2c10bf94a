package io.mouthpiece.server;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mouthpiece.engine.DaemonThreads;
import io.mouthpiece.server.auth.AccountKeys;
import io.mouthpiece.server.auth.AccountStore;
import io.mouthpiece.server.auth.Authenticator;
import io.mouthpiece.server.callback.CallbackRetryHandler;
import io.mouthpiece.server.callback.CallbackSender;
import io.mouthpiece.server.config.ConfigLoader;
import io.mouthpiece.server.config.ServerConfig;
import io.mouthpiece.server.db.Database;
import io.mouthpiece.server.fetch.SafeFetcher;
import io.mouthpiece.server.http.ApiServer;
import io.mouthpiece.server.http.Handlers;
import io.mouthpiece.server.identify.IdentifyService;
import io.mouthpiece.server.identify.SessionStore;
import io.mouthpiece.server.jobs.JobRunner;
import io.mouthpiece.server.jobs.JobScheduler;
import io.mouthpiece.server.media.Inputs;
import io.mouthpiece.server.retention.RetentionJob;
import io.mouthpiece.server.retention.RetentionJobHandler;
import io.mouthpiece.server.retention.RetentionSweep;
import io.mouthpiece.server.store.FileIndex;
import io.mouthpiece.engine.speech.Synthesiser;
import io.mouthpiece.server.speech.SpeechService;
import io.mouthpiece.server.store.FileStore;
import io.mouthpiece.server.store.StoredAnalysisCache;
import io.mouthpiece.server.task.work.CrashRecovery;
import io.mouthpiece.server.task.work.RenderJobHandler;
import io.mouthpiece.server.task.SqlTaskStore;
import io.mouthpiece.server.task.TaskEvents;
import io.mouthpiece.server.task.api.TaskRequests;
import io.mouthpiece.server.task.work.TaskReconciler;
import io.mouthpiece.server.task.api.TaskService;
import io.mouthpiece.server.task.TaskStore;
import io.mouthpiece.server.task.TaskView;
import io.mouthpiece.server.task.work.TaskWorker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service, wired: database, storage, job queue, HTTP. {@link #start} returns once it listens
 * and its queue runs; {@link #close} shuts down gracefully (no new work, running work finished or
 * left to run again after the restart). The role decides the parts: an API node has no job
 * server, a worker no HTTP listener; both share the database and the store with the other nodes.
 */
public final class MouthpieceServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MouthpieceServer.class);

  private final ServerConfig config;
  private final Database db;
  private final AccountStore accounts;
  private final RetentionSweep retention;
  private final CallbackSender callbacks;
  private final JobScheduler jobs;
  private final JobRunner runner; // null on an API node
  private final ApiServer http; // null on a worker
  private final ScheduledExecutorService housekeeping;
  private final TaskReconciler reconciler; // null where no jobs run
  private final List<String> routeKeys;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicReference<String> baseUrl = new AtomicReference<>("");
  private final AccountKeys firstAccount;
  private final DataDirLock dataDirLock;
  private int port;

  private MouthpieceServer(ServerConfig config, Clock clock) throws IOException {
    this.config = config;
    Files.createDirectories(config.dataDir());
    dataDirLock = DataDirLock.take(config.dataDir());
    db = Database.open(config);
    accounts = new AccountStore(db);
    // Only a node that serves the API makes the first account: workers never race it for one.
    firstAccount = config.role().servesApi() && accounts.isEmpty() ? accounts.create("default") : null;
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new JvmGcMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);

    FileStore store = FileStore.open(config);
    sweepLeftovers(store);
    FileIndex files = new FileIndex(db);
    SessionStore sessions = new SessionStore(db);
    TaskStore tasks = new SqlTaskStore(db, clock);
    Inputs inputs = new Inputs(store, files, new SafeFetcher(config.fetch()), config, baseUrl::get, clock);
    TaskView view = new TaskView(baseUrl::get);
    // The queue's scheduling side first: what enqueues needs only the database. Its running side,
    // which needs the handlers built from those, comes after them.
    jobs = new JobScheduler(db.dataSource());
    callbacks = new CallbackSender(config.callbacks(), config.fetch().allowPrivateAddresses(), jobs::schedule);
    TaskEvents events = new TaskEvents(tasks, view, callbacks, metrics);
    TaskWorker worker = new TaskWorker(tasks, inputs, events, metrics, config.retention().keepsAnalyses()
        ? new StoredAnalysisCache(store, files, clock, config.retention().analyses().toMillis()) : null);
    TaskService service = new TaskService(tasks, files, jobs, events, config.retention().results().toMillis(),
        config.accounts().maxTasksInFlight(), clock);
    retention = new RetentionSweep(tasks, sessions, files, store, clock);
    runner = config.role().runsJobs() ? runner(worker) : null;
    // Before anyone can ask about a task or a job can run: a GET never shows the dead run's progress.
    List<String> reclaimed = soleProcess() ? new CrashRecovery(tasks, jobs).reclaim() : List.of();

    SpeechService speech = new SpeechService(new Synthesiser(config.speech().config()), inputs);
    Handlers handlers = new Handlers(config, inputs, files, store, view,
        new TaskRequests(sessions, inputs, speech, config, clock), service,
        new IdentifyService(inputs, sessions, config, clock), speech, metrics, this::isReady, clock);
    routeKeys = handlers.routeKeys();
    if (config.role().servesApi()) {
      http = handlers.server(new Authenticator(accounts), stopping::get);
      port = http.start(config.http().host(), config.http().port());
    } else {
      http = null;
      port = -1;
    }
    baseUrl.set(config.baseUrl(port));
    reclaimed.forEach(events::changed); // now that URLs can be made, and before the job server can change them
    if (runner != null) {
      runner.start();
    }
    service.recover();
    jobs.recurring("retention-sweep", config.retention().sweepEvery(), new RetentionJob());
    housekeeping = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("housekeeping"));
    // Temp files and cached copies are this process's own: each node sweeps its own, whatever its role.
    every(config.retention().sweepEvery().toMillis(), "local sweep", store::sweepLocal);
    reconciler = config.role().runsJobs() ? new TaskReconciler(tasks, jobs) : null;
    if (reconciler != null) {
      every(TaskReconciler.SETTLE_MS, "reconcile", () -> reconciler.reconcile(clock.millis()));
    }
    LOG.info("mouthpiece {} on {} (data in {}, database {}, storage {})", config.role().name().toLowerCase(),
        baseUrl.get(), config.dataDir(), config.database().url().isBlank() ? "embedded H2" : "external",
        config.storage().isS3() ? "s3 bucket " + config.storage().bucket() : "local directory");
  }

  /** This process's job server, running each kind of job with its handler. */
  private JobRunner runner(TaskWorker worker) {
    RenderJobHandler render = new RenderJobHandler(worker, config.jobs().renderNice());
    return new JobRunner(jobs, config.jobs(), config.http().shutdownGrace(), Map.of(
        RenderJobHandler.class, render,
        CallbackRetryHandler.class, new CallbackRetryHandler(callbacks),
        RetentionJobHandler.class, new RetentionJobHandler(retention)), List.of(render));
  }

  /** Stops the job server, if this process has one, then the queue's storage. */
  private void closeJobs() {
    try {
      if (runner != null) {
        runner.close();
      }
    } finally {
      jobs.close();
    }
  }

  /**
   * Deletes the temp files a process that died on this data dir left (part downloads, partial
   * renders): those written before this process started, unless a live process shares the dir.
   */
  private void sweepLeftovers(FileStore store) throws IOException {
    if (!dataDirLock.held()) {
      LOG.warn("another live process uses {}: its temp files are left alone", config.dataDir());
      return;
    }
    int swept = store.sweepTemp(ManagementFactory.getRuntimeMXBean().getStartTime());
    if (swept > 0) {
      LOG.info("deleted {} temp file(s) left by a process that stopped without cleaning up", swept);
    }
  }

  /**
   * Whether no other process can be running jobs on this database: the embedded one, on a data dir
   * no live process shares. Then every job marked running belongs to a process that died.
   */
  private boolean soleProcess() {
    return config.database().url().isBlank() && dataDirLock.held();
  }

  /** A chore of this process, run every {@code everyMs}; a failure is logged and the chore runs again next time. */
  private void every(long everyMs, String what, Chore chore) {
    housekeeping.scheduleWithFixedDelay(() -> {
      try {
        chore.run();
      } catch (IOException | RuntimeException e) {
        LOG.warn("{} failed: {}", what, e.toString());
      }
    }, everyMs, everyMs, TimeUnit.MILLISECONDS);
  }

  private static void closeQuietly(DataDirLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      LOG.warn("could not release the data dir lock: {}", e.toString());
    }
  }

  /** Housekeeping work that may fail on I/O. */
  private interface Chore {
    void run() throws IOException;
  }

  /** Starts the service with this configuration. */
  public static MouthpieceServer start(ServerConfig config) throws IOException {
    return start(config, Clock.systemUTC());
  }

  /**
   * Starts it with {@code clock} as the wall clock that dates sessions, tasks and stored files and
   * decides when they expire (a test moves it forward instead of waiting out a retention period).
   */
  public static MouthpieceServer start(ServerConfig config, Clock clock) throws IOException {
    return new MouthpieceServer(config, clock);
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return baseUrl.get();
  }

  /** "METHOD /path" of every route served. */
  public List<String> routeKeys() {
    return routeKeys;
  }

  public AccountStore accounts() {
    return accounts;
  }

  public RetentionSweep retention() {
    return retention;
  }

  /** The queue's reconciler; empty on an API node, which runs no jobs. */
  public Optional<TaskReconciler> reconciler() {
    return Optional.ofNullable(reconciler);
  }

  public ServerConfig config() {
    return config;
  }

  /** The account made on the first start, when there was none: its keys are shown once. */
  public Optional<AccountKeys> firstAccount() {
    return Optional.ofNullable(firstAccount);
  }

  /**
   * Whether this process's job server runs (always, on an API node, which has none). JobRunr stops it
   * when the database stays out of reach; the queue's watchdog starts it again once it answers.
   */
  public boolean jobsRunning() {
    return runner == null || runner.isRunning();
  }

  private boolean isReady() {
    return !stopping.get() && jobsRunning() && db.isUp();
  }

  /** Graceful: refuse new work, finish requests in flight, let running jobs finish within the grace, then stop. */
  @Override
  public void close() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    LOG.info("shutting down: no new tasks; running work gets up to {} to finish, else runs again after restart",
        ConfigLoader.formatDuration(config.http().shutdownGrace()));
    housekeeping.shutdownNow();
    // The listener closes last: while the queue drains, every request gets 503/5001 with
    // Retry-After (see ApiServer) instead of a refused connection.
    try {
      closeJobs();
      callbacks.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        if (http != null) {
          http.stop();
        }
      } finally {
        db.close();
        closeQuietly(dataDirLock);
      }
    }
    LOG.info("stopped");
  }
}
