package dev.whetstone.app;

import atlantafx.base.theme.PrimerLight;
import dev.whetstone.app.datasets.DatasetEditorViewModel;
import dev.whetstone.app.datasets.DatasetLibrary;
import dev.whetstone.app.datasets.DatasetsView;
import dev.whetstone.app.datasets.DatasetsViewModel;
import dev.whetstone.app.datasets.LintViewModel;
import dev.whetstone.app.datasets.RenderSettingsViewModel;
import dev.whetstone.app.datasets.TokenInspectorViewModel;
import dev.whetstone.app.datasets.TokenizerCache;
import dev.whetstone.app.fx.Background;
import dev.whetstone.app.fx.FxBridge;
import dev.whetstone.app.checkpoints.CheckpointsView;
import dev.whetstone.app.checkpoints.CheckpointsViewModel;
import dev.whetstone.app.home.HomeView;
import dev.whetstone.app.home.HomeViewModel;
import dev.whetstone.app.models.HubCache;
import dev.whetstone.app.models.ModelDetailsViewModel;
import dev.whetstone.app.models.ModelFolders;
import dev.whetstone.app.models.ModelsView;
import dev.whetstone.app.models.ModelsViewModel;
import dev.whetstone.app.notify.DesktopNotifier;
import dev.whetstone.app.notify.RunNotifications;
import dev.whetstone.app.playground.PlaygroundView;
import dev.whetstone.app.playground.PlaygroundViewModel;
import dev.whetstone.app.runs.RunDashboardViewModel;
import dev.whetstone.app.runs.RunLauncher;
import dev.whetstone.app.runs.RunningRuns;
import dev.whetstone.app.runs.RunsView;
import dev.whetstone.app.runs.RunsViewModel;
import dev.whetstone.app.runs.RunQueueViewModel;
import dev.whetstone.engine.run.RunQueue;
import dev.whetstone.app.settings.NotificationSwitch;
import dev.whetstone.app.settings.SettingsFile;
import dev.whetstone.app.models.ModelEntry;
import dev.whetstone.app.models.ModelSource;
import dev.whetstone.app.shell.Place;
import dev.whetstone.app.shell.ShellView;
import dev.whetstone.app.shell.ShellViewModel;
import dev.whetstone.app.shell.StatusBarView;
import dev.whetstone.app.shell.StatusBarViewModel;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServerCapabilities;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.run.RewardDryRun;
import dev.whetstone.engine.run.RunSupervisor;
import dev.whetstone.app.wizard.TrainView;
import dev.whetstone.app.wizard.StarterWizardPreset;
import dev.whetstone.app.wizard.TrainWizardViewModel;
import dev.whetstone.resources.starter.StarterKit;
import dev.whetstone.resources.starter.StarterPreferences;
import dev.whetstone.resources.starter.StarterSkill;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app and its one composition root: builds the {@link ServiceClient}, the executors and every
 * view-model, and hands them down by constructor. Start it with {@code whetstone app [--home DIR]
 * [--device D]} (or {@code whetstone} alone on a desktop); it is not a main class itself, because JavaFX
 * on the classpath refuses to start from one.
 *
 * <p>Threads: two daemon workers for disk and engine calls, one that keeps and decimates the live charts'
 * curves, one that shows desktop notifications, one ticker for the status bar's memory, and the FX thread,
 * reached only through one coalescing {@link FxBridge}.
 */
public final class WhetstoneApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(WhetstoneApp.class);
    private static final String STYLESHEET = "/dev/whetstone/app/whetstone.css";
    /** Prompts the wizard's reward dry run samples a group for. */
    private static final int REWARD_TRIAL_PROMPTS = 3;

    private final EngineOptions givenOptions;
    private final Map<String, String> env;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private EngineOptions options;
    private SettingsFile settings;
    private ServiceClient service;
    private ExecutorService workers;
    private ExecutorService chartWorker;
    private ExecutorService queueWorker;
    private ScheduledExecutorService ticker;
    private DesktopNotifier notifier;
    private ShellViewModel shell;
    private final TokenizerCache tokenizers = new TokenizerCache();
    private final RunningRuns runningRuns = new RunningRuns();
    private Stage stage;

    /** The app as {@code Application.launch} makes it: options from {@code --home=DIR --device=D}. */
    public WhetstoneApp() {
        this(null, System.getenv());
    }

    /** The app with explicit options and environment (for the Hugging Face cache), for tests and screenshots. */
    public WhetstoneApp(EngineOptions options, Map<String, String> env) {
        this.givenOptions = options;
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /** Opens the window and returns when it is closed: {@code WhetstoneApp.open(EngineOptions.defaults())}. */
    public static void open(EngineOptions options) {
        Application.launch(WhetstoneApp.class, "--home=" + options.home(), "--device=" + options.device());
    }

    /** Completes once every pane has shown its first data (device, disk, runs, models). */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    @Override
    public void init() {
        options = givenOptions != null ? givenOptions : fromParameters(getParameters().getNamed());
        settings = SettingsFile.under(options.home());
        service = ServiceClient.local(options);
        try {
            StarterKit.installModel(options.home());   // first start: the starter goes into the model store, offline
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(WhetstoneApp.class).warn("Could not install the starter model", e);
        }
        workers = Executors.newFixedThreadPool(2, daemon("whetstone-worker"));
        chartWorker = Executors.newSingleThreadExecutor(daemon("whetstone-charts"));
        queueWorker = Executors.newSingleThreadExecutor(daemon("whetstone-queue"));
        notifier = new DesktopNotifier(() -> settings.current().notifications(), env);
        runningRuns.onStarted(new RunNotifications(notifier)::follow);
        ticker = Executors.newSingleThreadScheduledExecutor(daemon("whetstone-ticker"));
    }

    @Override
    public void start(Stage primaryStage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Background background = new Background(workers, FxBridge.onFxThread());
        CompletableFuture<ServerCapabilities> capabilities =
                CompletableFuture.supplyAsync(service::getServerCapabilities, workers);

        StatusBarViewModel status = new StatusBarViewModel(background, Runtime.getRuntime());
        HomeViewModel home = new HomeViewModel(background, service.checkpoints(), options.home());
        ModelsViewModel models = new ModelsViewModel(background, new ModelFolders(options.home(),
                HubCache.folder(env, Path.of(System.getProperty("user.home")))), settings);
        ModelDetailsViewModel details = new ModelDetailsViewModel(models.selected());
        DatasetEditorViewModel editor = new DatasetEditorViewModel(background);
        DatasetsViewModel datasets = new DatasetsViewModel(background, new DatasetLibrary(options.home()), editor);
        RenderSettingsViewModel render = new RenderSettingsViewModel(background, tokenizers, models.models());
        TokenInspectorViewModel inspector = new TokenInspectorViewModel(background, editor.selected(), render);
        LintViewModel lint = new LintViewModel(background, editor, render);
        RewardDryRun rewardDryRun = new RewardDryRun(service);
        TrainWizardViewModel wizard = new TrainWizardViewModel(background, tokenizers,
                new RunSupervisor(service, options.home())::start, runningRuns, models.models(), datasets.datasets(),
                new StarterWizardPreset(options.home()), (config, data) -> rewardDryRun.run(config, data, REWARD_TRIAL_PROMPTS));
        models.models().addListener((javafx.collections.ListChangeListener<? super dev.whetstone.app.models.ModelEntry>) c -> {
            render.chooseDefaultModel();
            wizard.chooseDefaultModel();
        });
        editor.validationFraction().addListener((obs, old, now) -> wizard.validationFraction().set(now.doubleValue()));
        shell = new ShellViewModel(settings);
        home.onFineTuneStarter(() -> openStarter(background, wizard,
                () -> StarterKit.installDataset(options.home(), StarterSkill.WORD_KIND).train()));
        home.onPreferenceTuneStarter(() -> openStarter(background, wizard,
                () -> StarterPreferences.install(options.home(), StarterSkill.WORD_KIND).train()));
        ticker.scheduleAtFixedRate(status::sampleMemory, 0, 2, TimeUnit.SECONDS);
        CompletableFuture.allOf(status.showDevice(capabilities), home.showCapabilities(capabilities),
                details.followDevice(background, capabilities), home.refresh(), models.refresh(), datasets.refresh())
                .whenComplete((done, error) -> finishStart(error));

        RunLauncher launcher = new RunLauncher(service, options.home());
        RunsViewModel runs = new RunsViewModel(background, launcher,
                options.home().resolve("runs"), new RunDashboardViewModel(background, chartWorker, RunDashboardViewModel.FRAME_INTERVAL),
                runningRuns);
        RunQueueViewModel queue = new RunQueueViewModel(background, new RunQueue(options.home(), RunQueue.DEFAULT_MIN_FREE_BYTES),
                launcher, runningRuns, queueWorker);
        wizard.onAddToQueue(queue::add);
        CheckpointsViewModel checkpoints = new CheckpointsViewModel(background, service.checkpoints(), options.home().resolve("runs"),
                launcher, runningRuns);
        checkpoints.onOpenRuns(() -> shell.navigate(Place.RUNS));
        PlaygroundViewModel playground = new PlaygroundViewModel(background, service);
        runningRuns.onStarted(run -> {
            checkpoints.watch(run);
            run.completion().whenComplete((outcome, error) -> playground.refreshChoices());
        });
        checkpoints.onOpenInPlayground(path -> {
            playground.choose(path);
            shell.navigate(Place.PLAYGROUND);
        });
        CompletableFuture.allOf(runs.refresh(), queue.refresh(), checkpoints.refresh(), playground.refreshChoices())
                .whenComplete((done, error) -> logFailure(error));
        ShellView view = new ShellView(shell, Map.of(Place.HOME, new HomeView(home),
                Place.MODELS, new ModelsView(models, details), Place.DATASETS, new DatasetsView(datasets, inspector, render, lint),
                Place.TRAIN, new TrainView(wizard), Place.RUNS, new RunsView(runs, queue, new NotificationSwitch(settings).on()),
                Place.CHECKPOINTS, new CheckpointsView(checkpoints), Place.PLAYGROUND, new PlaygroundView(playground)),
                new StatusBarView(status));
        Scene scene = new Scene(view, shell.windowWidth(), shell.windowHeight());
        scene.getStylesheets().add(Objects.requireNonNull(getClass().getResource(STYLESHEET), STYLESHEET).toExternalForm());
        stage = primaryStage;
        stage.setTitle("Whetstone");
        stage.setMinWidth(800);
        stage.setMinHeight(520);
        stage.setScene(scene);
        stage.show();
    }

    /** Home's starter buttons: installs the dataset {@code install} names, then opens the wizard on the starter and it. */
    private void openStarter(Background background, TrainWizardViewModel wizard, java.util.function.Supplier<Path> install) {
        background.run(install, train -> {
            wizard.model().set(ModelEntry.read(StarterKit.MODEL_NAME, StarterKit.installModel(options.home()), ModelSource.ENGINE_HOME));
            wizard.dataset().set(train);
            shell.navigate(Place.TRAIN);
        }, error -> LoggerFactory.getLogger(WhetstoneApp.class).warn("Could not prepare the starter", error));
    }

    @Override
    public void stop() {
        if (shell != null && stage != null && stage.getWidth() > 0) {
            shell.rememberWindowSize(stage.getWidth(), stage.getHeight());
        }
        ticker.shutdownNow();
        workers.shutdownNow();
        chartWorker.shutdownNow();
        queueWorker.shutdownNow();
        notifier.close();
        tokenizers.close();
        service.close();
    }

    private void finishStart(Throwable error) {
        if (error != null) {
            LOG.warn("A pane could not show its first data", error);
            ready.completeExceptionally(error);
        } else {
            ready.complete(null);
        }
    }

    private static void logFailure(Throwable error) {
        if (error != null) {
            LOG.warn("The runs, checkpoints or playground pane could not load", error);
        }
    }

    private static EngineOptions fromParameters(Map<String, String> named) {
        EngineOptions.Builder builder = EngineOptions.builder();
        if (named.containsKey("home")) {
            builder.home(Path.of(named.get("home")));
        }
        if (named.containsKey("device")) {
            builder.device(named.get("device"));
        }
        return builder.build();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
