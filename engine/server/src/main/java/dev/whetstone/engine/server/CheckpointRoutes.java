package dev.whetstone.engine.server;

import dev.whetstone.engine.Checkpoint;
import dev.whetstone.engine.CheckpointNotFoundException;
import dev.whetstone.engine.TrainingRun;
import dev.whetstone.engine.checkpoint.TinkerPath;
import dev.whetstone.engine.wire.json.RestMessages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The REST routes of Tinker's checkpoint verbs over the engine's {@link dev.whetstone.engine.CheckpointStore}: list
 * runs and checkpoints, delete, set a TTL, and download the archive (the tar {@code whetstone export --tar} writes)
 * through a one-time link that needs no key, as a signed URL does.
 */
final class CheckpointRoutes {
    private static final Duration LINK_LIFETIME = Duration.ofMinutes(15);

    private record Link(String tinkerPath, Instant expires) {
    }

    private final EngineHost host;
    private final Path scratch;
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    CheckpointRoutes(EngineHost host, Path scratch) {
        this.host = host;
        this.scratch = scratch;
    }

    void register(Router router) {
        router.add("GET", "training_runs", Route.now(this::listRuns))
                .add("GET", "training_runs/*", Route.now(call -> Reply.json(run(find(call.segments().get(1))))))
                .add("GET", "training_runs/*/checkpoints", Route.now(call -> Reply.json(new RestMessages.CheckpointsListResponse(
                        checkpoints(call.segments().get(1)), null))))
                .add("DELETE", "training_runs/*/checkpoints/*/*", Route.now(this::delete))
                .add("PUT", "training_runs/*/checkpoints/*/*/ttl", Route.now(this::setTtl))
                .add("GET", "training_runs/*/checkpoints/*/*/archive", Route.now(this::archiveLink))
                .add("POST", "training_runs/*/checkpoints/*/*/publish", Route.now(call -> {
                    throw HttpError.badRequest("publishing checkpoints is a hosted-Tinker feature; a local engine's checkpoints are "
                            + "files: share the archive (GET .../archive) instead");
                }))
                .add("GET", "checkpoints", Route.now(this::listAllCheckpoints))
                .add("GET", "archives/*", this::download);
    }

    private Reply listRuns(HttpCall call) {
        List<TrainingRun> runs = host.checkpoints().listRuns();
        int offset = Math.max(0, call.intQuery("offset", 0));
        int limit = Math.max(0, call.intQuery("limit", 20));
        List<RestMessages.TrainingRunJson> page = new ArrayList<>();
        for (TrainingRun r : runs.subList(Math.min(offset, runs.size()), Math.min(runs.size(), offset + limit))) {
            page.add(run(r));
        }
        return Reply.json(new RestMessages.TrainingRunsResponse(page, new RestMessages.CursorJson(offset, limit, runs.size())));
    }

    private Reply listAllCheckpoints(HttpCall call) {
        List<RestMessages.CheckpointJson> all = new ArrayList<>();
        for (TrainingRun r : host.checkpoints().listRuns()) {
            all.addAll(checkpoints(r.trainingRunId()));
        }
        all.sort(Comparator.comparing(RestMessages.CheckpointJson::time).reversed());
        int offset = Math.max(0, call.intQuery("offset", 0));
        int limit = Math.max(0, call.intQuery("limit", 100));
        return Reply.json(new RestMessages.CheckpointsListResponse(all.subList(Math.min(offset, all.size()),
                Math.min(all.size(), offset + limit)), new RestMessages.CursorJson(offset, limit, all.size())));
    }

    private TrainingRun find(String runId) {
        return host.checkpoints().listRuns().stream().filter(r -> r.trainingRunId().equals(runId)).findFirst()
                .orElseThrow(() -> HttpError.notFound("no training run '" + runId + "' under this engine's home"));
    }

    private RestMessages.TrainingRunJson run(TrainingRun r) {
        List<RestMessages.CheckpointJson> checkpoints = checkpoints(r.trainingRunId());
        RestMessages.CheckpointJson lastTraining = null;
        RestMessages.CheckpointJson lastSampler = null;
        for (RestMessages.CheckpointJson c : checkpoints) {
            if (c.checkpointType().equals("training")) {
                lastTraining = c;
            } else {
                lastSampler = c;
            }
        }
        return new RestMessages.TrainingRunJson(r.trainingRunId(), r.baseModel(), "local", r.isLora(), false, r.loraRank(),
                r.lastRequestTime().toString(), lastTraining, lastSampler, RunUserMetadata.read(host.home(), r.trainingRunId()));
    }

    private List<RestMessages.CheckpointJson> checkpoints(String runId) {
        TinkerPath.requireValidName("training run id", runId);
        List<RestMessages.CheckpointJson> out = new ArrayList<>();
        for (Checkpoint c : host.checkpoints().listCheckpoints(runId)) {
            out.add(new RestMessages.CheckpointJson(c.checkpointId(), c.type() == Checkpoint.CheckpointType.TRAINING ? "training"
                    : "sampler", c.time().toString(), c.tinkerPath(), c.sizeBytes(), false,
                    c.expiresAt() == null ? null : c.expiresAt().toString()));
        }
        return out;
    }

    /** The {@code tinker://} path of {@code training_runs/<run>/checkpoints/<kind>/<name>/...}. */
    private static String path(HttpCall call) {
        List<String> s = call.segments();
        return TinkerPath.SCHEME + s.get(1) + "/" + s.get(3) + "/" + s.get(4);
    }

    private Reply delete(HttpCall call) {
        try {
            host.checkpoints().delete(TinkerPath.parse(path(call)).toString());
        } catch (CheckpointNotFoundException e) {
            throw HttpError.notFound(e.getMessage());
        }
        return Reply.noContent();
    }

    private Reply setTtl(HttpCall call) {
        Long seconds = call.body().length == 0 ? null : call.json(RestMessages.TtlRequest.class).ttlSeconds();
        if (seconds != null && seconds <= 0) {
            throw HttpError.badRequest("ttl_seconds must be > 0, or null to remove the expiry; was " + seconds);
        }
        try {
            host.checkpoints().setTtl(TinkerPath.parse(path(call)).toString(), seconds == null ? null : Duration.ofSeconds(seconds));
        } catch (CheckpointNotFoundException e) {
            throw HttpError.notFound(e.getMessage());
        }
        return Reply.noContent();
    }

    private Reply archiveLink(HttpCall call) {
        String path = TinkerPath.parse(path(call)).toString();
        try {
            host.records().record(TinkerPath.parse(path));
        } catch (CheckpointNotFoundException e) {
            throw HttpError.notFound(e.getMessage());
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        Instant expires = Instant.now().plus(LINK_LIFETIME);
        links.values().removeIf(l -> l.expires().isBefore(Instant.now()));
        links.put(token, new Link(path, expires));
        return Reply.json(new RestMessages.CheckpointArchiveUrlResponse(call.baseUrl() + "/api/v1/archives/" + token,
                expires.toString()));
    }

    private CompletableFuture<Reply> download(HttpCall call) {
        Link link = links.remove(call.segments().get(1));
        if (link == null || link.expires().isBefore(Instant.now())) {
            throw HttpError.notFound("this archive link is unknown, used or expired; ask for a new one (GET .../archive)");
        }
        Path tar;
        try {
            Files.createDirectories(scratch);
            tar = Files.createTempFile(scratch, "checkpoint-", ".tar");
            Files.delete(tar);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a scratch file in " + scratch + ": " + e.getMessage(), e);
        }
        return host.checkpoints().exportTar(link.tinkerPath(), tar).thenApply(file -> {
            try {
                byte[] bytes = Files.readAllBytes(file);
                return new Reply(200, "application/x-tar", bytes, Map.of("Content-Disposition", "attachment; filename=\""
                        + TinkerPath.parse(link.tinkerPath()).name() + ".tar\""));
            } catch (IOException e) {
                throw new IllegalStateException("could not read the archive " + file + ": " + e.getMessage(), e);
            } finally {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a scratch file; the next start of the server clears the folder
                }
            }
        });
    }
}
