package dev.whetstone.app;

import dev.whetstone.app.about.AboutDialog;
import dev.whetstone.app.about.AboutFacts;
import dev.whetstone.app.about.GpuGuideDialog;
import dev.whetstone.app.crash.CrashDialog;
import dev.whetstone.app.crash.CrashReporter;
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
import dev.whetstone.app.fx.HeldUntilOpen;
import dev.whetstone.app.fx.OnFirstUse;
import dev.whetstone.app.checkpoints.CheckpointsView;
import dev.whetstone.app.checkpoints.CheckpointsViewModel;
import dev.whetstone.app.home.HomeView;
import dev.whetstone.app.home.HomeViewModel;
import dev.whetstone.app.models.DownloadViewModel;
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
import dev.whetstone.engine.hub.HubSettings;
import dev.whetstone.engine.hub.ModelDownloader;
import dev.whetstone.engine.run.RunQueue;
import dev.whetstone.app.settings.NotificationSwitch;
import dev.whetstone.app.settings.SettingsFile;
import dev.whetstone.app.models.ModelEntry;
import dev.whetstone.app.models.ModelSource;
import dev.whetstone.app.install.CudaRoutes;
import dev.whetstone.app.install.InstalledApp;
import dev.whetstone.app.install.NvidiaDriver;
import dev.whetstone.app.install.ProcessStart;
import dev.whetstone.app.shell.AppIcon;
import dev.whetstone.app.shell.Place;
import dev.whetstone.app.shell.ShellView;
import dev.whetstone.app.shell.ShellViewModel;
import dev.whetstone.app.shell.StatusBarView;
import dev.whetstone.app.shell.StatusBarViewModel;
import dev.whetstone.app.shell.WindowSnapshot;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServerCapabilities;
import dev.whetstone.app.engine.ChosenEngine;
import dev.whetstone.app.engine.EngineChoice;
import dev.whetstone.app.engine.EngineChoiceFile;
import dev.whetstone.app.engine.EngineKind;
import dev.whetstone.app.models.RemoteModels;
import dev.whetstone.app.runs.ClosingWithRuns;
import dev.whetstone.app.runs.RunHandOff;
import dev.whetstone.app.settings.EngineSettingsDialog;
import dev.whetstone.app.settings.EngineSettingsViewModel;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.run.RewardDryRun;
import dev.whetstone.engine.run.RunHandle;
import java.util.List;
import dev.whetstone.engine.run.RunSupervisor;
import dev.whetstone.app.wizard.TrainView;
import dev.whetstone.app.wizard.StarterWizardPreset;
import dev.whetstone.app.wizard.TrainWizardViewModel;
import dev.whetstone.resources.starter.StarterKit;
import dev.whetstone.resources.starter.StarterPreferences;
import dev.whetstone.resources.starter.StarterSkill;
import dev.whetstone.app.desktop.ShowInFolder;
import dev.whetstone.app.notify.InWindowNotifier;
import dev.whetstone.app.notify.Notification;
import dev.whetstone.app.settings.LastFolders;
import dev.whetstone.app.shell.MainMenu;
import dev.whetstone.app.tasks.BackgroundTasks;
import dev.whetstone.app.tasks.TaskListButton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
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
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app and its one composition root: builds the {@link ServiceClient}, the executors and every
 * view-model, and hands them down by constructor. Start it with {@code whetstone app [--home DIR]
 * [--device D]} (or {@code whetstone} alone on a desktop); it is not a main class itself, because JavaFX
 * on the classpath refuses to start from one.
 *
 * <p>Threads: two daemon workers for disk and engine calls, one that keeps and decimates the live charts'
 * curves, one that shows desktop notifications, one ticker for the status bar's memory, threads that only
 * wait for the task list's futures ({@code whetstone-task}), and the FX thread, reached only through one
 * coalescing {@link FxBridge}.
 */
public final class WhetstoneApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(WhetstoneApp.class);
    private static final String STYLESHEET = "/dev/whetstone/app/whetstone.css";
    /** Prompts the wizard's reward dry run samples a group for. */
    private static final int REWARD_TRIAL_PROMPTS = 3;

    private final EngineOptions givenOptions;
    private final EngineChoice givenEngine;
    private final Map<String, String> env;
    private Path screenshot;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private EngineOptions options;
    private SettingsFile settings;
    private EngineChoiceFile engineFile;
    private ChosenEngine service;
    private boolean closing;
    private ExecutorService workers;
    private ExecutorService chartWorker;
    private ExecutorService queueWorker;
    private ExecutorService taskWaiters;
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

    /** The app with explicit options and environment (for the Hugging Face cache), on the engine remembered in Settings. */
    public WhetstoneApp(EngineOptions options, Map<String, String> env) {
        this(options, env, null);
    }

    /**
     * The app on {@code engine} for this session (not remembered), e.g. {@code EngineChoice.inProcess()} in tests;
     * null means the engine remembered in Settings → Engine.
     */
    public WhetstoneApp(EngineOptions options, Map<String, String> env, EngineChoice engine) {
        this.givenOptions = options;
        this.givenEngine = engine;
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /** Opens the window and returns when it is closed: {@code WhetstoneApp.open(EngineOptions.defaults())}. */
    public static void open(EngineOptions options) {
        Application.launch(WhetstoneApp.class, "--home=" + options.home(), "--device=" + options.device());
    }

    /**
     * Opens the window, waits until every pane has shown its first data, saves the window as a PNG to
     * {@code screenshot} and closes: a check that the app starts, and a picture of how.
     */
    public static void openForScreenshot(EngineOptions options, Path screenshot) {
        Application.launch(WhetstoneApp.class, "--home=" + options.home(), "--device=" + options.device(),
                "--screenshot=" + screenshot.toAbsolutePath());
    }

    /** Completes once every pane has shown its first data (device, disk, runs, models). */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    @Override
    public void init() {
        options = givenOptions != null ? givenOptions : fromParameters(getParameters().getNamed());
        String shot = givenOptions != null ? null : getParameters().getNamed().get("screenshot");
        screenshot = shot == null ? null : Path.of(shot);
        settings = SettingsFile.under(options.home());
        engineFile = EngineChoiceFile.under(options.home());
        EngineChoice engine = givenEngine != null ? givenEngine : engineFile.choice();
        service = ChosenEngine.openLater(engine, engineFile.apiKey(env), options, env);   // after the first frame
        try {
            // first start: the starter goes into the model store and its skills into the dataset library, offline
            StarterKit.installModel(options.home());
            for (StarterSkill skill : StarterSkill.values()) {
                StarterKit.installDataset(options.home(), skill);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not install the starter model and its skill datasets", e);
        }
        workers = Executors.newFixedThreadPool(2, daemon("whetstone-worker"));
        chartWorker = Executors.newSingleThreadExecutor(daemon("whetstone-charts"));
        queueWorker = Executors.newSingleThreadExecutor(daemon("whetstone-queue"));
        taskWaiters = Executors.newCachedThreadPool(daemon("whetstone-task"));
        notifier = new DesktopNotifier(() -> settings.current().notifications(), env);
        runningRuns.onStarted(new RunNotifications(notifier)::follow);
        ticker = Executors.newSingleThreadScheduledExecutor(daemon("whetstone-ticker"));
    }

    @Override
    public void start(Stage primaryStage) {
        stage = primaryStage;
        shell = new ShellViewModel(settings);
        Application.setUserAgentStylesheet(shell.theme().get().stylesheet());
        shell.theme().addListener((obs, old, theme) -> Application.setUserAgentStylesheet(theme.stylesheet()));
        AboutFacts facts = AboutFacts.of(options.home());
        CrashDialog crashDialog = new CrashDialog(primaryStage, facts.lines(), facts.logFolder(), this::openFolder);
        CrashReporter crashes = new CrashReporter(FxBridge.onFxThread(), crashDialog::show, Clock.systemUTC());
        crashes.install();
        // the first frame comes before libtorch loads and the panes scan the disk: on two cores they would compete
        // (the engine and startWork begin in firstFrame below)
        HeldUntilOpen startWork = new HeldUntilOpen(workers);
        Background background = new Background(startWork, FxBridge.onFxThread(crashes));
        LastFolders folders = new LastFolders(settings);
        BackgroundTasks tasks = new BackgroundTasks(taskWaiters);
        InWindowNotifier inWindow = new InWindowNotifier(background.bridge());
        tasks.onEnded(text -> inWindow.show(new Notification(text, "")));
        runningRuns.onStarted(new RunNotifications(inWindow)::follow);
        runningRuns.onStarted(run -> background.bridge().run(() -> tasks.follow(run)));
        ShowInFolder showInFolder = new ShowInFolder(env, System.getProperty("os.name", ""), workers);
        Consumer<Path> showFolder = folder -> showInFolder.open(folder).thenAccept(outcome -> {
            if (!outcome.opened()) {
                inWindow.show(new Notification("Show in folder", outcome.text()));
            }
        });
        CompletableFuture<ServerCapabilities> capabilities =
                CompletableFuture.supplyAsync(service::getServerCapabilities, startWork);

        StatusBarViewModel status = new StatusBarViewModel(background, Runtime.getRuntime());
        status.followEngine(service);
        HomeViewModel home = new HomeViewModel(background, service.checkpoints(), options.home());
        ModelsViewModel models = new ModelsViewModel(background, new ModelFolders(options.home(),
                HubCache.folder(env, Path.of(System.getProperty("user.home")))), settings);
        models.listRemoteModelsFrom(() -> service.choice().kind() == EngineKind.REMOTE
                ? new RemoteModels(service, options.home(), env, Path.of(System.getProperty("user.home"))) : null);
        ModelDetailsViewModel details = new ModelDetailsViewModel(models.selected());
        DownloadViewModel download = new DownloadViewModel(background, new ModelDownloader(HubSettings.fromEnvironment(env,
                Path.of(System.getProperty("user.home")), LOG::warn)), details,
                models::refreshAndSelect);
        DatasetEditorViewModel editor = new DatasetEditorViewModel(background);
        DatasetsViewModel datasets = new DatasetsViewModel(background, new DatasetLibrary(options.home()), editor);
        RenderSettingsViewModel render = new RenderSettingsViewModel(background, tokenizers, models.models());
        TokenInspectorViewModel inspector = new TokenInspectorViewModel(background, editor.selected(), render);
        LintViewModel lint = new LintViewModel(background, editor, render);
        RewardDryRun rewardDryRun = new RewardDryRun(service);
        TrainWizardViewModel wizard = new TrainWizardViewModel(background, tokenizers,
                new RunSupervisor(service, options.home())::start, runningRuns, models.models(), datasets.datasets(),
                new StarterWizardPreset(options.home()), (config, data) -> rewardDryRun.run(config, data, REWARD_TRIAL_PROMPTS));
        PlaygroundViewModel playground = new PlaygroundViewModel(background, service);
        models.models().addListener((ListChangeListener<? super ModelEntry>) c -> {
            render.chooseDefaultModel();
            wizard.chooseDefaultModel();
            playground.offerModels(models.models().stream().filter(ModelEntry::usable).map(ModelEntry::baseModel).toList());
        });
        editor.validationFraction().addListener((obs, old, now) -> wizard.validationFraction().set(now.doubleValue()));
        wizard.nameDatasetsWith(datasets::name);
        home.onFineTuneStarter(() -> openStarter(background, wizard, datasets,
                () -> StarterKit.installDataset(options.home(), StarterSkill.WORD_KIND).train()));
        home.onPreferenceTuneStarter(() -> openStarter(background, wizard, datasets,
                () -> StarterPreferences.install(options.home(), StarterSkill.WORD_KIND).train()));
        ticker.scheduleAtFixedRate(status::sampleMemory, 0, 2, TimeUnit.SECONDS);
        ticker.scheduleWithFixedDelay(service::probe, 5, 5, TimeUnit.SECONDS);
        CompletableFuture.allOf(status.showDevice(capabilities), home.showCapabilities(capabilities),
                details.followDevice(background, capabilities), home.refresh(), models.refresh(), datasets.refresh())
                .whenComplete((done, error) -> finishStart(error));

        RunLauncher launcher = new RunLauncher(service, options.home());
        RunsViewModel runs = new RunsViewModel(background, launcher,
                options.home().resolve("runs"), new RunDashboardViewModel(background, chartWorker, RunDashboardViewModel.FRAME_INTERVAL),
                runningRuns);
        runs.onShowFolder(showFolder);
        RunQueueViewModel queue = new RunQueueViewModel(background, new RunQueue(options.home(), RunQueue.DEFAULT_MIN_FREE_BYTES),
                launcher, runningRuns, queueWorker);
        wizard.onAddToQueue(queue::add);
        CheckpointsViewModel checkpoints = new CheckpointsViewModel(background, service.checkpoints(), options.home().resolve("runs"),
                launcher, runningRuns);
        checkpoints.onOpenRuns(() -> shell.navigate(Place.RUNS));
        checkpoints.onShowFolder(showFolder);
        checkpoints.onLongJob((title, work) -> tasks.track(title, work, null));
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
        HomeView homeView = new HomeView(home);
        TaskListButton taskList = new TaskListButton(tasks);
        StatusBarView statusBar = new StatusBarView(status, taskList);
        EngineSettingsViewModel engineSettings = new EngineSettingsViewModel(engineFile, service, env,
                () -> !RunHandOff.active(runningRuns).isEmpty(), () -> CompletableFuture.allOf(models.refresh(), runs.refresh(),
                        checkpoints.refresh(), playground.refreshChoices()).whenComplete((done, error) -> logFailure(error)));
        Runnable openEngineSettings = () -> EngineSettingsDialog.open(stage, engineSettings);
        statusBar.onEngine(openEngineSettings);
        GpuGuideDialog gpuGuide = new GpuGuideDialog(primaryStage);
        Runnable showGpuGuide = () -> gpuGuide.show(NvidiaDriver.version(), status.device().get(), facts.libtorch(),
                CudaRoutes.forThisApp(InstalledApp.current()));
        homeView.onGpuGuide(showGpuGuide);
        AboutDialog about = new AboutDialog(primaryStage, this::openFolder, showGpuGuide);
        Runnable showAbout = () -> about.show(AboutFacts.of(options.home()), status.device().get());
        statusBar.onAbout(showAbout);

        // only the pane shown is built before the first frame; the rest right after it (ShellView.buildTheRest)
        OnFirstUse<ModelsView> modelsView = new OnFirstUse<>(() -> new ModelsView(models, details, download, folders));
        OnFirstUse<DatasetsView> datasetsView = new OnFirstUse<>(() -> new DatasetsView(datasets, inspector, render, lint, folders));
        ShellView view = new ShellView(shell, Map.<Place, Supplier<? extends Node>>of(Place.HOME, () -> homeView,
                Place.MODELS, modelsView, Place.DATASETS, datasetsView,
                Place.TRAIN, () -> new TrainView(wizard), Place.RUNS, () -> new RunsView(runs, queue, new NotificationSwitch(settings).on()),
                Place.CHECKPOINTS, () -> new CheckpointsView(checkpoints, folders), Place.PLAYGROUND, () -> new PlaygroundView(playground)),
                statusBar);
        view.showNotices(inWindow.latest());
        view.addNavigationButton("Settings", "nav-settings", openEngineSettings);
        view.setTop(new MainMenu(shell, new MainMenu.Commands(
                () -> {
                    shell.navigate(Place.DATASETS);
                    datasetsView.get().browseForImport();
                },
                () -> {
                    shell.navigate(Place.MODELS);
                    modelsView.get().chooseFolder();
                },
                () -> showFolder.accept(options.home()),
                // as the window's close button: with a run going, the app asks first (ClosingWithRuns)
                () -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)),
                editor::undo, editor::redo, () -> datasetsView.get().focusSearch(), editor::save,
                shell.place().isEqualTo(Place.DATASETS),
                taskList::show,
                showAbout)));
        Scene scene = new Scene(view, shell.windowWidth(), shell.windowHeight());
        scene.getStylesheets().add(Objects.requireNonNull(getClass().getResource(STYLESHEET), STYLESHEET).toExternalForm());
        stage.setTitle("Whetstone");
        stage.setMinWidth(800);
        stage.setMinHeight(520);
        stage.setScene(scene);
        stage.setOnCloseRequest(event -> {
            List<RunHandle> active = RunHandOff.active(runningRuns);
            if (!closing && !active.isEmpty()) {
                event.consume();
                ClosingWithRuns.ask(stage, active, new RunHandOff(options.home(), service.choice(), engineFile.apiKey(env)),
                        background.bridge(), () -> {
                            closing = true;
                            stage.close();
                        });
            }
        });
        AppIcon.on(stage);
        Runnable firstFrame = new Runnable() {
            @Override
            public void run() {
                LOG.info("First frame {} ms after the process started ({} ms of CPU time)", ProcessStart.millisSince(),
                        cpuMillis());
                service.beginOpening();
                startWork.open();
                Platform.runLater(view::buildTheRest);
                Platform.runLater(() -> scene.removePostLayoutPulseListener(this));
            }
        };
        scene.addPostLayoutPulseListener(firstFrame);
        placeWindow();
        stage.show();
        LOG.info("Window shown {} ms after the process started ({} ms of CPU time)", ProcessStart.millisSince(), cpuMillis());
    }

    /** Puts the window where it was last, if that place is still on a screen; maximised if it was. */
    private void placeWindow() {
        shell.windowPosition().ifPresent(at -> {
            Rectangle2D bounds = new Rectangle2D(at[0], at[1], shell.windowWidth(), shell.windowHeight());
            if (!Screen.getScreensForRectangle(bounds).isEmpty()) {
                stage.setX(at[0]);
                stage.setY(at[1]);
            }
        });
        stage.setMaximized(shell.windowMaximized());
    }

    /**
     * Home's starter buttons: installs the starter model and the dataset {@code install} names (off the FX thread),
     * then starts the wizard over on them.
     */
    private void openStarter(Background background, TrainWizardViewModel wizard, DatasetsViewModel datasets,
                             Supplier<Path> install) {
        background.run(
                () -> new StarterChoice(ModelEntry.read(StarterKit.MODEL_NAME, StarterKit.installModel(options.home()),
                        ModelSource.ENGINE_HOME), install.get()),
                starter -> datasets.refresh().thenRun(() -> {
                    wizard.startOver(starter.model(), starter.dataset());
                    shell.navigate(Place.TRAIN);
                }),
                error -> LOG.warn("Could not prepare the starter", error));
    }

    @Override
    public void stop() {
        if (shell != null && stage != null && stage.getWidth() > 0) {
            shell.rememberWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
        }
        ticker.shutdownNow();
        taskWaiters.shutdownNow();
        workers.shutdownNow();
        chartWorker.shutdownNow();
        queueWorker.shutdownNow();
        notifier.close();
        awaitQuietly(workers, Duration.ofSeconds(2));   // a render in flight ends before its tokenizer is freed
        tokenizers.close();
        service.close();
    }

    private void finishStart(Throwable error) {
        if (error != null) {
            LOG.warn("A pane could not show its first data", error);
            ready.completeExceptionally(error);
        } else {
            LOG.info("Ready {} ms after the process started: every pane shows its first data; starter model in {}",
                    ProcessStart.millisSince(), options.home().resolve("models").resolve(StarterKit.MODEL_NAME));
            ready.complete(null);
        }
        if (screenshot != null) {
            FxBridge.onFxThread().run(() -> {
                java.awt.image.BufferedImage picture = WindowSnapshot.take(stage.getScene());
                workers.execute(() -> {
                    WindowSnapshot.write(picture, screenshot);
                    LOG.info("Screenshot saved to {}; closing", screenshot);
                    Platform.exit();
                });
            });
        }
    }

    /** Opens {@code folder} in the desktop's file manager, creating it first if needed. */
    private void openFolder(Path folder) {
        try {
            java.nio.file.Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            LOG.warn("Could not create {}", folder, e);
        }
        getHostServices().showDocument(folder.toUri().toString());
    }

    private static void awaitQuietly(ExecutorService pool, Duration limit) {
        try {
            pool.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
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

    /** The starter model and its skill's training file, installed and read off the FX thread. */
    private record StarterChoice(ModelEntry model, Path dataset) {
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
