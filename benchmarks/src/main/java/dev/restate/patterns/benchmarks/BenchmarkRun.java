package dev.restate.patterns.benchmarks;

import dev.restate.patterns.benchmarks.Workloads.Workload;
import dev.restate.patterns.benchmarks.apps.AppProcess;
import dev.restate.patterns.benchmarks.apps.AppTarget;
import dev.restate.patterns.benchmarks.apps.JavaApp;
import dev.restate.patterns.benchmarks.apps.JavaLaunch;
import dev.restate.patterns.benchmarks.apps.ProcessMemory;
import dev.restate.patterns.benchmarks.apps.TypeScriptService;
import dev.restate.patterns.benchmarks.driver.LoadDriver;
import dev.restate.patterns.benchmarks.driver.LoadResult;
import dev.restate.patterns.benchmarks.driver.LoadSpec;
import dev.restate.patterns.benchmarks.report.BenchmarkReport;
import dev.restate.patterns.benchmarks.report.BenchmarkReport.Footprint;
import dev.restate.patterns.benchmarks.report.BenchmarkReport.Startup;
import dev.restate.patterns.benchmarks.report.BenchmarkReport.WorkloadRun;
import dev.restate.patterns.support.server.FreePorts;
import dev.restate.patterns.support.server.RestateAdminClient;
import dev.restate.patterns.support.server.RestateServerBinary;
import dev.restate.patterns.support.server.RestateServerProcess;
import dev.restate.patterns.support.server.RestateServerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One benchmark run: starts a restate-server, then each measured application in turn, and collects
 * start-up times, resident memory and the load runs into a {@link BenchmarkReport}.
 *
 * <p>Applications run one at a time, so none takes CPU from another's measurement. The driver runs
 * in this JVM, on the same cores as the server and the application, as wrk did for the reference
 * figures.
 */
final class BenchmarkRun {

  private static final Logger log = LoggerFactory.getLogger(BenchmarkRun.class);

  private static final String FLOOR = "floor (no-op, Spring Boot)";
  private static final String DURABLE_RPC = "durable-rpc";
  private static final String TYPESCRIPT = "TypeScript SDK 1.14.5";
  private static final String NODE_LAUNCH = "node";

  /** The TypeScript copy of the product object runs under this name beside the Java module. */
  private static final String TYPESCRIPT_SERVICE = "productTs";

  private static final int TRAINING_REQUESTS = 400;
  private static final int QUEUE_ITEMS = 500;
  private static final int PROMISE_AWAITERS = 100;
  private static final int KAFKA_PACKAGES = 20;
  private static final int KAFKA_UPDATES = 100;

  private final BenchmarkSettings settings;
  private final Path workRoot;
  private final String runId;
  private final List<Startup> startups = new ArrayList<>();
  private final List<Footprint> footprints = new ArrayList<>();
  private final List<WorkloadRun> workloads = new ArrayList<>();
  private final List<BenchmarkReport.Scenario> scenarios = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<Path> tempDirs = new ArrayList<>();
  private long serverPid = -1;

  BenchmarkRun(BenchmarkSettings settings) {
    this.settings = settings;
    this.workRoot = settings.root().resolve("benchmarks/target/benchmarks");
    this.runId = Long.toString(System.currentTimeMillis(), 36);
  }

  /** Runs the benchmark and deletes its temporary folders afterwards, also after a failure. */
  BenchmarkReport run(String command) {
    try {
      return measure(command);
    } finally {
      for (Path dir : tempDirs) {
        deleteRecursively(dir);
      }
    }
  }

  private BenchmarkReport measure(String command) {
    String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    BenchmarkReport.Machine machine = MachineInfo.describe();
    log.info(
        "Benchmark {} on {} cores, load average {}",
        runId,
        machine.cores(),
        machine.loadAverageAtStart());
    try (RestateServerProcess server = startServer()) {
      serverPid = server.pid();
      AppTarget target = new AppTarget(server.ingressUrl(), server.adminUrl());
      Path options = settings.root().resolve("durable-rpc/jvm.options");
      JavaApp floor =
          new JavaApp(
              FLOOR,
              jar("benchmarks/target", "benchmarks-", "-floor.jar"),
              options,
              workRoot.resolve("floor"));
      JavaApp durableRpc =
          new JavaApp(
              DURABLE_RPC,
              jar("durable-rpc/target", "durable-rpc-", ".jar"),
              options,
              workRoot.resolve("durable-rpc"));

      // 1. Class-data sharing archives, from a training run of each Java application.
      log.info("Writing the CDS archives (training runs)");
      floor.prepareClassDataSharing(
          target, endpoints -> train(target, endpoints, Workloads.floorDistinctKeys(key("cds"))));
      durableRpc.prepareClassDataSharing(
          target,
          endpoints -> {
            train(target, endpoints, Workloads.reserveDistinctKeys(key("cds")));
            train(target, endpoints, Workloads.reserveThroughController(key("cds-web")));
          });

      // 2. Start-up, each launch of durable-rpc separately, as the median of several starts.
      for (JavaLaunch launch :
          List.of(
              JavaLaunch.DEFAULT,
              JavaLaunch.OPTIONS,
              JavaLaunch.SHIPPED,
              JavaLaunch.SHIPPED_EAGER)) {
        measureStartup(
            durableRpc, launch, target, Workloads.reserveThroughController(key("first")));
      }
      measureStartup(floor, JavaLaunch.SHIPPED, target, Workloads.floorDistinctKeys(key("first")));
      TypeScriptService typescript = prepareTypeScript();
      if (typescript != null) {
        measureStartup(typescript, target, Workloads.reserveDistinctKeys(key("ts-first")));
      }

      // 3. Load. The floor, the module as shipped and TypeScript run side by side and take
      // turns, so a change in the machine's load hits all three alike.
      try (JavaApp.RunningApp floorApp =
              startRegistered(floor, JavaLaunch.SHIPPED, target, "load");
          JavaApp.RunningApp rpcApp =
              startRegistered(durableRpc, JavaLaunch.SHIPPED, target, "load");
          TypeScriptService.Started tsApp =
              typescript == null
                  ? null
                  : typescript.start(target.adminUrl(), "load", TYPESCRIPT_SERVICE)) {
        String shipped = JavaLaunch.SHIPPED.name();
        List<Contender> distinctKeys = new ArrayList<>();
        distinctKeys.add(
            new Contender(
                FLOOR, shipped, floorApp.process(), Workloads.floorDistinctKeys(key("floor"))));
        distinctKeys.add(
            new Contender(
                DURABLE_RPC, shipped, rpcApp.process(), Workloads.reserveDistinctKeys(key("rpc"))));
        List<Contender> oneKey = new ArrayList<>();
        oneKey.add(
            new Contender(FLOOR, shipped, floorApp.process(), Workloads.floorOneKey(key("floor"))));
        oneKey.add(
            new Contender(
                DURABLE_RPC, shipped, rpcApp.process(), Workloads.reserveOneKey(key("rpc"))));
        if (tsApp != null) {
          distinctKeys.add(
              new Contender(
                  TYPESCRIPT,
                  NODE_LAUNCH,
                  tsApp.process(),
                  Workloads.reserveDistinctKeys(key("ts"), TYPESCRIPT_SERVICE)));
          oneKey.add(
              new Contender(
                  TYPESCRIPT,
                  NODE_LAUNCH,
                  tsApp.process(),
                  Workloads.reserveOneKey(key("ts"), TYPESCRIPT_SERVICE)));
        }
        Map<String, Double> afterWarmup = compareInRounds(target, distinctKeys);
        compareInRounds(target, oneKey);
        footprints.add(
            new Footprint(
                FLOOR, shipped, afterWarmup.get(FLOOR), floorApp.process().residentMiB()));
        if (tsApp != null && tsApp.process().isAlive()) {
          footprints.add(
              new Footprint(
                  TYPESCRIPT,
                  NODE_LAUNCH,
                  afterWarmup.get(TYPESCRIPT),
                  tsApp.process().residentMiB()));
        }

        // The controller, and both paths with one client, on durable-rpc alone.
        measureLoad(
            DURABLE_RPC,
            shipped,
            rpcApp.process(),
            target,
            rpcApp.endpoints(),
            List.of(
                Workloads.reserveThroughController(key("rpc-web")),
                Workloads.reserveDistinctKeys(key("rpc-single")).withClients(1),
                Workloads.reserveThroughController(key("rpc-web-single")).withClients(1)),
            afterWarmup.get(DURABLE_RPC));
      }
      try (JavaApp.RunningApp app =
          startRegistered(durableRpc, JavaLaunch.DEFAULT, target, "load-default")) {
        measureLoad(
            DURABLE_RPC,
            JavaLaunch.DEFAULT.name(),
            app.process(),
            target,
            app.endpoints(),
            List.of(Workloads.reserveDistinctKeys(key("rpc-default"))));
      }

      // 4. The other patterns, each with its demo delays set to zero.
      measureFanOut(target);
      measurePriorityQueue(target);
      measureDurablePromises(target);
      measurePackageTracking();
    }

    return new BenchmarkReport(
        startedAt,
        command,
        machine,
        settings.clients(),
        settings.measured().toSeconds(),
        settings.warmup().toSeconds(),
        startups,
        footprints,
        workloads,
        scenarios,
        Targets.check(workloads, startups, footprints, DURABLE_RPC, FLOOR, TYPESCRIPT),
        notes);
  }

  /** Workload 4: the messaging module's fan-out worker with subtasks that do not sleep. */
  private void measureFanOut(AppTarget target) {
    JavaLaunch launch = moduleLaunch("--demo.messaging.fan-out.max-subtask-sleep=0s");
    Optional<JavaApp.RunningApp> started = startModule("messaging", launch, target);
    if (started.isEmpty()) {
      return;
    }
    try (JavaApp.RunningApp app = started.get()) {
      measureLoad(
          "messaging",
          launch.name(),
          app.process(),
          target,
          app.endpoints(),
          List.of(Workloads.fanOut(10), Workloads.fanOut(100)));
    }
  }

  /** Workload 5: the priority queue drains 500 operations that take no time. */
  private void measurePriorityQueue(AppTarget target) {
    JavaLaunch launch =
        moduleLaunch(
            "--demo.priority-queue.operation-duration=0s",
            "--demo.priority-queue.max-in-flight=10");
    Optional<JavaApp.RunningApp> started = startModule("priority-queue", launch, target);
    if (started.isEmpty()) {
      return;
    }
    try (JavaApp.RunningApp app = started.get()) {
      URI ingress = URI.create(target.ingressUrl());
      Scenarios.drainPriorityQueue(ingress, key("pq-warmup"), 100, settings.clients(), -1);
      double afterWarmup = app.process().residentMiB();
      double loadAverage = MachineInfo.loadAverage();
      addScenario(
          Scenarios.drainPriorityQueue(
              ingress, key("pq"), QUEUE_ITEMS, settings.clients(), loadAverage));
      footprints.add(
          new Footprint("priority-queue", launch.name(), afterWarmup, app.process().residentMiB()));
    }
  }

  /** Workload 6: 100 awaiters of one durable promise, resolved by one call. */
  private void measureDurablePromises(AppTarget target) {
    JavaLaunch launch = moduleLaunch();
    Optional<JavaApp.RunningApp> started = startModule("durable-promises", launch, target);
    if (started.isEmpty()) {
      return;
    }
    try (JavaApp.RunningApp app = started.get()) {
      URI ingress = URI.create(target.ingressUrl());
      RestateAdminClient admin = new RestateAdminClient(target.adminUrl());
      Scenarios.resolveDurablePromise(ingress, admin, key("promise-warmup"), PROMISE_AWAITERS, -1);
      double afterWarmup = app.process().residentMiB();
      double loadAverage = MachineInfo.loadAverage();
      addScenario(
          Scenarios.resolveDurablePromise(
              ingress, admin, key("promise"), PROMISE_AWAITERS, loadAverage));
      footprints.add(
          new Footprint(
              "durable-promises", launch.name(), afterWarmup, app.process().residentMiB()));
    }
  }

  /**
   * Workload 7: event-processing with its own local run, which starts an in-process Kafka broker
   * and a restate-server configured with that cluster, and subscribes package-tracker to the topic.
   * Both run on free ports and stop with the application.
   */
  private void measurePackageTracking() {
    String module = "event-processing";
    Path jar;
    try {
      jar = jar(module + "/target", module + "-", ".jar");
    } catch (IllegalStateException e) {
      notes.add(module + " was not measured: " + e.getMessage());
      return;
    }
    List<Integer> ports = FreePorts.pick(6);
    String ingress = "http://127.0.0.1:" + ports.get(0);
    Path dataDir;
    try {
      dataDir = tempDir("restate-benchmark-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a data folder for W7", e);
    }
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            jar.toString(),
            "--restate.client.base-uri=" + ingress,
            "--restate.local.admin-url=http://127.0.0.1:" + ports.get(1),
            "--restate.local.node-port=" + ports.get(2),
            "--restate.local.data-dir=" + dataDir.resolve("restate-data"),
            "--spring.kafka.bootstrap-servers=localhost:" + ports.get(3),
            "--restate.sdk.http.port=" + ports.get(4),
            "--server.port=" + ports.get(5));
    try (AppProcess app =
        AppProcess.start(module, command, workRoot, Map.of(), workRoot.resolve(module + ".log"))) {
      Duration registered = app.awaitLogLine(JavaApp.REGISTERED_LINE);
      app.awaitLogLine("to service://package-tracker/updateLocation");
      addStartup(
          module + " (with broker and server)",
          JavaLaunch.DEFAULT.name(),
          List.of(-1.0),
          List.of(millis(registered)),
          List.of(app.residentMiB()),
          List.of(-1.0));
      URI ingressUri = URI.create(ingress);
      URI publisher = URI.create("http://127.0.0.1:" + ports.get(5));
      Scenarios.trackPackages(ingressUri, publisher, key("kafka-warmup"), 10, 20, -1);
      double afterWarmup = app.residentMiB();
      double loadAverage = MachineInfo.loadAverage();
      addScenario(
          Scenarios.trackPackages(
              ingressUri, publisher, key("kafka"), KAFKA_PACKAGES, KAFKA_UPDATES, loadAverage));
      footprints.add(
          new Footprint(module, JavaLaunch.DEFAULT.name(), afterWarmup, app.residentMiB()));
    } catch (RuntimeException e) {
      log.warn("W7 failed: {}", e.getMessage());
      notes.add("W7 failed: " + e.getMessage());
    }
  }

  /** Returns the launch of a module without a jvm.options file: JVM defaults, demo settings. */
  private static JavaLaunch moduleLaunch(String... demoSettings) {
    return new JavaLaunch(JavaLaunch.DEFAULT.name(), false, false, List.of(demoSettings));
  }

  /**
   * Starts a module's jar and records its start-up as one sample, or adds a note and returns empty
   * when the module has not been built.
   */
  private Optional<JavaApp.RunningApp> startModule(
      String module, JavaLaunch launch, AppTarget target) {
    Path jar;
    try {
      jar = jar(module + "/target", module + "-", ".jar");
    } catch (IllegalStateException e) {
      notes.add(module + " was not measured: " + e.getMessage());
      return Optional.empty();
    }
    JavaApp app = new JavaApp(module, jar, null, workRoot.resolve(module));
    JavaApp.RunningApp running = app.start(launch, target, "load");
    try {
      double listening =
          millis(running.process().awaitListening(running.endpoints().restatePort()));
      double registered = millis(running.process().awaitLogLine(JavaApp.REGISTERED_LINE));
      addStartup(
          module,
          launch.name(),
          List.of(listening),
          List.of(registered),
          List.of(running.process().residentMiB()),
          List.of(-1.0));
      return Optional.of(running);
    } catch (RuntimeException e) {
      running.close();
      notes.add(module + " did not start: " + e.getMessage());
      return Optional.empty();
    }
  }

  private void addScenario(BenchmarkReport.Scenario scenario) {
    log.info(
        "{} {}: {} items in {} s, load average {}",
        scenario.id(),
        scenario.description(),
        scenario.items(),
        String.format(Locale.ROOT, "%.2f", scenario.seconds()),
        scenario.loadAverageBefore());
    scenarios.add(scenario);
  }

  /** Creates a temporary folder that the run deletes when it ends. */
  private Path tempDir(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    tempDirs.add(dir);
    return dir;
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      log.warn("Could not delete the temporary folder {}: {}", dir, e.getMessage());
    }
  }

  private RestateServerProcess startServer() {
    List<Integer> ports = FreePorts.pick(3);
    Path dataDir;
    try {
      dataDir = tempDir("restate-benchmark-data-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a data folder for restate-server", e);
    }
    RestateServerSettings serverSettings =
        new RestateServerSettings(
            RestateServerSettings.LOOPBACK,
            ports.get(0),
            ports.get(1),
            ports.get(2),
            dataDir,
            workRoot.resolve("restate-server.log"),
            null,
            Map.of());
    RestateServerProcess server =
        new RestateServerProcess(RestateServerBinary.locate(), serverSettings).start();
    log.info(
        "restate-server {} (pid {}): ingress {}, admin {}",
        RestateServerBinary.VERSION,
        server.pid(),
        server.ingressUrl(),
        server.adminUrl());
    return server;
  }

  private JavaApp.RunningApp startRegistered(
      JavaApp app, JavaLaunch launch, AppTarget target, String logName) {
    JavaApp.RunningApp running = app.start(launch, target, logName);
    try {
      running.process().awaitLogLine(JavaApp.REGISTERED_LINE);
      return running;
    } catch (RuntimeException e) {
      running.close();
      throw e;
    }
  }

  /**
   * Starts {@code app} several times and takes the median times to listening and to registered,
   * then the latency of {@code firstRequest}, the first request the application serves.
   */
  private void measureStartup(
      JavaApp app, JavaLaunch launch, AppTarget target, Workload firstRequest) {
    List<Double> listening = new ArrayList<>();
    List<Double> registered = new ArrayList<>();
    List<Double> resident = new ArrayList<>();
    List<Double> first = new ArrayList<>();
    for (int i = 0; i < settings.startups(); i++) {
      try (JavaApp.RunningApp running = app.start(launch, target, "startup")) {
        listening.add(millis(running.process().awaitListening(running.endpoints().restatePort())));
        registered.add(millis(running.process().awaitLogLine(JavaApp.REGISTERED_LINE)));
        resident.add(running.process().residentMiB());
        first.add(firstRequestMillis(firstRequest, target, running.endpoints(), i));
      }
    }
    addStartup(app.name(), launch.name(), listening, registered, resident, first);
  }

  private void measureStartup(TypeScriptService service, AppTarget target, Workload firstRequest) {
    List<Double> listening = new ArrayList<>();
    List<Double> registered = new ArrayList<>();
    List<Double> resident = new ArrayList<>();
    List<Double> first = new ArrayList<>();
    for (int i = 0; i < settings.startups(); i++) {
      try (TypeScriptService.Started started = service.start(target.adminUrl(), "startup")) {
        listening.add(millis(started.startToListening()));
        registered.add(millis(started.startToRegistered()));
        resident.add(started.process().residentMiB());
        first.add(firstRequestMillis(firstRequest, target, null, i));
      }
    }
    addStartup(TYPESCRIPT, NODE_LAUNCH, listening, registered, resident, first);
  }

  /** Sends one request of {@code workload} on a new connection and returns its latency. */
  private double firstRequestMillis(
      Workload workload, AppTarget target, AppTarget.Endpoints endpoints, int start) {
    URI base = URI.create(workload.throughWebPort() ? endpoints.webUrl() : target.ingressUrl());
    LoadSpec spec =
        new LoadSpec(
            "first request", base, 1, Duration.ofSeconds(60), 1, LoadSpec.DEFAULT_REQUEST_TIMEOUT);
    LoadResult result =
        LoadDriver.run(
            spec,
            (client, sequence) -> workload.requests().next(start, sequence),
            workload.expected());
    if (result.errors() > 0) {
      notes.add("The first request after a start failed: " + result.firstError());
      return -1;
    }
    return result.maxMillis();
  }

  private void addStartup(
      String app,
      String launch,
      List<Double> listening,
      List<Double> registered,
      List<Double> resident,
      List<Double> firstRequest) {
    Startup startup =
        new Startup(
            app,
            launch,
            median(listening),
            median(registered),
            registered,
            median(resident),
            median(firstRequest));
    log.info(
        "Start-up of {} ({}): {} ms to listening, {} ms to registered {}, first request {} ms",
        app,
        launch,
        Math.round(startup.startToListeningMillis()),
        Math.round(startup.startToRegisteredMillis()),
        registered,
        Math.round(startup.firstRequestMillis()));
    startups.add(startup);
  }

  /**
   * Runs each workload after a warm-up of the same workload, and reads the resident memory after
   * the first warm-up and after the last run.
   */
  private void measureLoad(
      String app,
      String launch,
      AppProcess process,
      AppTarget target,
      AppTarget.Endpoints endpoints,
      List<Workload> appWorkloads) {
    measureLoad(app, launch, process, target, endpoints, appWorkloads, -1);
  }

  /**
   * Same as above, for an application whose resident memory after warm-up was already read ({@code
   * residentAfterWarmup}), or -1 when not.
   */
  private void measureLoad(
      String app,
      String launch,
      AppProcess process,
      AppTarget target,
      AppTarget.Endpoints endpoints,
      List<Workload> appWorkloads,
      double residentAfterWarmup) {
    double afterWarmup = residentAfterWarmup;
    for (Workload workload : appWorkloads) {
      URI base = URI.create(workload.throughWebPort() ? endpoints.webUrl() : target.ingressUrl());
      Workload warmup = warmupOf(workload);
      LoadResult warm = load(warmup, base, settings.warmup(), "warm-up " + workload.id());
      if (warm.errors() > 0) {
        notes.add(
            "Warm-up of "
                + workload.id()
                + " on "
                + app
                + " had "
                + warm.errors()
                + " errors, first: "
                + warm.firstError());
      }
      if (!process.isAlive()) {
        notes.add(exitedNote(app, process, "warm-up of " + workload.id()));
        return;
      }
      if (afterWarmup < 0) {
        afterWarmup = process.residentMiB();
      }
      double loadAverage = MachineInfo.loadAverage();
      long[] cpuBefore = cpuMillis(process);
      LoadResult result = load(workload, base, settings.measured(), workload.id());
      long[] cpuAfter = cpuMillis(process);
      log.info(
          "{} on {} ({}), load average {}: {}",
          workload.id(),
          app,
          launch,
          loadAverage,
          result.summary());
      workloads.add(
          new WorkloadRun(
              workload.id(),
              workload.description(),
              app,
              launch,
              result,
              loadAverage,
              cpuPerRequest(cpuBefore, cpuAfter, result.requests())));
      if (!process.isAlive()) {
        notes.add(exitedNote(app, process, workload.id()));
        return;
      }
    }
    double afterLoad = process.residentMiB();
    log.info(
        "Resident memory of {} ({}): {} MiB after warm-up, {} MiB after load",
        app,
        launch,
        Math.round(afterWarmup),
        Math.round(afterLoad));
    footprints.add(new Footprint(app, launch, afterWarmup, afterLoad));
  }

  /**
   * Runs the contenders' workloads in alternating rounds of equal length, after one warm-up each,
   * and reports each contender's rounds as one load run. Returns each application's resident memory
   * after its warm-up.
   */
  private Map<String, Double> compareInRounds(AppTarget target, List<Contender> contenders) {
    URI ingress = URI.create(target.ingressUrl());
    Map<String, Double> afterWarmup = new HashMap<>();
    for (Contender contender : contenders) {
      LoadResult warm = load(warmupOf(contender.workload()), ingress, settings.warmup(), "warm-up");
      if (warm.errors() > 0) {
        notes.add(
            "Warm-up of "
                + contender.workload().id()
                + " on "
                + contender.app()
                + " had "
                + warm.errors()
                + " errors, first: "
                + warm.firstError());
      }
      afterWarmup.put(contender.app(), contender.process().residentMiB());
    }

    int count = contenders.size();
    Histogram[] latencies = new Histogram[count];
    long[] errors = new long[count];
    String[] firstErrors = new String[count];
    double[] seconds = new double[count];
    double[] loadAverages = new double[count];
    long[][] cpu = new long[count][3];
    for (int i = 0; i < count; i++) {
      latencies[i] =
          new Histogram(LoadDriver.HIGHEST_TRACKABLE_MICROS, LoadDriver.SIGNIFICANT_DIGITS);
    }
    Duration slice = settings.measured().dividedBy(settings.rounds());
    for (int round = 0; round < settings.rounds(); round++) {
      long offset = round * (1L << 32);
      for (int i = 0; i < count; i++) {
        Contender contender = contenders.get(i);
        if (!contender.process().isAlive()) {
          continue;
        }
        Workload workload = contender.workload();
        loadAverages[i] += MachineInfo.loadAverage() / settings.rounds();
        long[] before = cpuMillis(contender.process());
        LoadResult result =
            LoadDriver.run(
                LoadSpec.timed(workload.id(), ingress, settings.clients(), slice),
                (client, sequence) -> workload.requests().next(client, sequence + offset),
                workload.expected(),
                latencies[i]);
        long[] after = cpuMillis(contender.process());
        for (int p = 0; p < 3; p++) {
          cpu[i][p] += after[p] - before[p];
        }
        errors[i] += result.errors();
        if (firstErrors[i] == null) {
          firstErrors[i] = result.firstError();
        }
        seconds[i] += result.seconds();
      }
    }

    for (int i = 0; i < count; i++) {
      Contender contender = contenders.get(i);
      if (!contender.process().isAlive()) {
        notes.add(exitedNote(contender.app(), contender.process(), contender.workload().id()));
      }
      LoadResult result =
          LoadResult.of(
              contender.workload().id(),
              settings.clients(),
              latencies[i],
              errors[i],
              firstErrors[i],
              seconds[i]);
      long requests = result.requests();
      BenchmarkReport.CpuPerRequest cpuPerRequest =
          new BenchmarkReport.CpuPerRequest(
              requests == 0 ? -1 : cpu[i][0] / (double) requests,
              requests == 0 ? -1 : cpu[i][1] / (double) requests,
              requests == 0 ? -1 : cpu[i][2] / (double) requests);
      log.info(
          "{} on {} ({}), {} rounds, load average {}: {}",
          contender.workload().id(),
          contender.app(),
          contender.launch(),
          settings.rounds(),
          String.format(Locale.ROOT, "%.2f", loadAverages[i]),
          result.summary());
      workloads.add(
          new WorkloadRun(
              contender.workload().id(),
              contender.workload().description(),
              contender.app(),
              contender.launch(),
              result,
              loadAverages[i],
              cpuPerRequest));
    }
    return afterWarmup;
  }

  /** Returns the same requests with other keys, so the measured run finds no warm-up state. */
  private static Workload warmupOf(Workload workload) {
    return new Workload(
        workload.id(),
        workload.description(),
        (client, sequence) -> workload.requests().next(client, sequence + (1L << 40)),
        workload.expected(),
        workload.throughWebPort(),
        workload.clients());
  }

  /** One application's part in an interleaved comparison. */
  private record Contender(String app, String launch, AppProcess process, Workload workload) {}

  /** CPU time so far of the application, the server and this JVM, in that order. */
  private long[] cpuMillis(AppProcess process) {
    return new long[] {
      ProcessMemory.cpuMillis(process.pid()),
      ProcessMemory.cpuMillis(serverPid),
      ProcessMemory.cpuMillis(ProcessHandle.current().pid())
    };
  }

  private static BenchmarkReport.CpuPerRequest cpuPerRequest(
      long[] before, long[] after, long requests) {
    double[] perRequest = new double[3];
    for (int i = 0; i < 3; i++) {
      perRequest[i] =
          before[i] < 0 || after[i] < 0 || requests == 0
              ? -1
              : (after[i] - before[i]) / (double) requests;
    }
    return new BenchmarkReport.CpuPerRequest(perRequest[0], perRequest[1], perRequest[2]);
  }

  private static String exitedNote(String app, AppProcess process, String during) {
    log.warn("{} exited during {}; see {}", app, during, process.logFile());
    return app
        + " exited during "
        + during
        + "; its figures stop there. Its log: "
        + process.logFile();
  }

  private LoadResult load(Workload workload, URI base, Duration duration, String name) {
    int clients = workload.clients() > 0 ? workload.clients() : settings.clients();
    LoadSpec spec = LoadSpec.timed(name, base, clients, duration);
    return LoadDriver.run(spec, workload.requests(), workload.expected());
  }

  /** Sends a few hundred requests, so the CDS archive contains the classes of the request path. */
  private void train(AppTarget target, AppTarget.Endpoints endpoints, Workload workload) {
    URI base = URI.create(workload.throughWebPort() ? endpoints.webUrl() : target.ingressUrl());
    LoadSpec spec =
        new LoadSpec(
            "training " + workload.id(),
            base,
            4,
            Duration.ofSeconds(60),
            TRAINING_REQUESTS,
            LoadSpec.DEFAULT_REQUEST_TIMEOUT);
    LoadResult result = LoadDriver.run(spec, workload.requests(), workload.expected());
    if (result.errors() > 0) {
      throw new IllegalStateException("Training run failed: " + result.summary());
    }
  }

  private TypeScriptService prepareTypeScript() {
    if (!settings.typescript()) {
      notes.add("The TypeScript comparison was turned off (--typescript=false).");
      return null;
    }
    Path source = settings.root().resolve("benchmarks/src/main/typescript/product-service.ts");
    try {
      TypeScriptService service = new TypeScriptService(source, tempDir("restate-benchmark-ts-"));
      service.prepare();
      return service;
    } catch (IOException | RuntimeException e) {
      log.warn("The TypeScript comparison cannot run: {}", e.getMessage());
      notes.add("The TypeScript comparison could not run: " + e.getMessage());
      return null;
    }
  }

  private Path jar(String dir, String prefix, String suffix) {
    Path folder = settings.root().resolve(dir);
    try (var files = Files.list(folder)) {
      return files
          .filter(
              path -> {
                String name = path.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(suffix);
              })
          .findFirst()
          .orElseThrow(() -> missingJar(folder, prefix + "*" + suffix));
    } catch (IOException e) {
      throw missingJar(folder, prefix + "*" + suffix);
    }
  }

  private static IllegalStateException missingJar(Path folder, String pattern) {
    return new IllegalStateException(
        "No "
            + pattern
            + " in "
            + folder
            + ". Build first: ./mvnw -B -Pbenchmarks -DskipTests"
            + " -pl benchmarks -am verify builds the measured modules and runs the benchmark.");
  }

  private String key(String label) {
    return runId + "-" + label;
  }

  private static double millis(Duration duration) {
    return duration.toNanos() / 1e6;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
