package dev.whetstone.app.cli;

import dev.whetstone.app.fx.Units;
import dev.whetstone.app.models.DownloadStatus;
import dev.whetstone.engine.hub.DownloadProgress;
import dev.whetstone.engine.hub.DownloadedModel;
import dev.whetstone.engine.hub.HubException;
import dev.whetstone.engine.hub.HubSettings;
import dev.whetstone.engine.hub.ModelDownloader;
import dev.whetstone.engine.hub.ModelRequest;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whetstone pull REPO_ID [--revision R]}: a model from the Hugging Face Hub into the Hugging Face cache. */
@Command(name = "pull", description = {"Download a model from the Hugging Face Hub into the Hugging Face cache (shared with"
        + " the Python tools): only the files a model needs, resumable, each checked against the hub's hash.",
        "Honours HF_ENDPOINT, HF_HUB_CACHE / HF_HOME, HF_TOKEN (or the token `huggingface-cli login` saved) and HF_HUB_OFFLINE.",
        "The last line printed is the model's folder."})
final class PullCommand implements Callable<Integer> {
    @Mixin
    EngineOptionsMixin engine;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REPO_ID", description = "The model's repo id, Owner/Name, e.g. Qwen/Qwen3-0.6B.")
    String repoId;

    @Option(names = "--revision", paramLabel = "R", description = "A branch, tag or commit (default: main).")
    String revision;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "The hub cache (default: $HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub).")
    Path cacheDir;

    @Option(names = "--endpoint", paramLabel = "URL", description = "The hub's address (default: $HF_ENDPOINT, else "
            + HubSettings.DEFAULT_ENDPOINT + ").")
    URI endpoint;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ModelRequest request = ModelRequest.of(repoId, revision);
        HubSettings settings = HubSettings.fromEnvironment();
        if (cacheDir != null) {
            settings = settings.withCache(cacheDir.toAbsolutePath());
        }
        if (endpoint != null) {
            settings = settings.withEndpoint(endpoint);
        }
        out.println((settings.offline() ? "Looking up " + request + " in " : "Pulling " + request + " from "
                + settings.endpoint() + " into ") + settings.cache());
        out.flush();
        PullProgress progress = new PullProgress(out, System.console() != null);
        long start = System.nanoTime();
        DownloadedModel model;
        try {
            model = new ModelDownloader(settings).download(request, progress::show).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof HubException hub) {
                progress.end();
                spec.commandLine().getErr().println("whetstone: " + hub.getMessage());
                return hub.isBadInput() ? FailureHandler.BAD_INPUT : FailureHandler.FAILURE;
            }
            throw e;
        }
        progress.end();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.println(model.bytesDownloaded() == 0 ? request + " at commit " + model.commit() + " is already in the cache"
                : String.format(java.util.Locale.ROOT, "Downloaded %s of %s at commit %s in %s (%s/s)", Units.bytes(model.bytesDownloaded()),
                        request, model.commit(), DownloadStatus.duration(seconds), Units.bytes(Math.round(model.bytesDownloaded() / seconds))));
        out.println(model.folder());
        out.flush();
        return 0;
    }

    /** The progress on the terminal: one line redrawn in place on a console, a line per file otherwise. */
    private static final class PullProgress {
        private final PrintWriter out;
        private final boolean console;
        private int filesReported;
        private boolean drawn;

        PullProgress(PrintWriter out, boolean console) {
            this.out = out;
            this.console = console;
        }

        synchronized void show(DownloadProgress p) {
            if (console) {
                int width = 24;
                int filled = (int) Math.round(width * p.fraction());
                out.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + DownloadStatus.line(p) + "   ");
                drawn = true;
            } else if (p.filesDone() > filesReported) {
                filesReported = p.filesDone();
                out.println(p.filesDone() + "/" + p.filesTotal() + " files · " + DownloadStatus.line(p));
            }
            out.flush();
        }

        synchronized void end() {
            if (drawn) {
                out.println();
                drawn = false;
            }
        }
    }
}
