package dev.whetstone.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The app drives an engine only through its API ({@code dev.whetstone.engine} and its API sub-packages), so the
 * same code runs on the in-process engine, a child engine process or a remote server. The build already keeps
 * the in-process implementation off the app's compile class path (a {@code runtime} dependency, and the
 * enforcer's rule in {@code app/pom.xml}); this test names the offending file and line when someone imports
 * it anyway, or reaches DJL's tensor or PyTorch classes directly.
 */
class EngineBoundaryTest {
    private static final Pattern IMPLEMENTATION = Pattern.compile(
            "^\\s*import\\s+(static\\s+)?(dev\\.whetstone\\.engine\\.local|ai\\.djl\\.pytorch|ai\\.djl\\.ndarray|ai\\.djl\\.engine)\\b");

    @Test
    void appMainCodeImportsNoEngineImplementationPackage() throws IOException {
        List<String> offences;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offences = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(EngineBoundaryTest::implementationImports)
                    .collect(Collectors.toList());
        }
        assertThat(offences)
                .as("app main code must use the engine's API only; move the need into the API or ServerCapabilities")
                .isEmpty();
    }

    @Test
    void theRuleRecognisesAnImplementationImport() {
        assertThat(IMPLEMENTATION.matcher("import dev.whetstone.engine.local.LocalServiceClient;").find()).isTrue();
        assertThat(IMPLEMENTATION.matcher("import ai.djl.ndarray.NDArray;").find()).isTrue();
        assertThat(IMPLEMENTATION.matcher("import dev.whetstone.engine.run.RunSupervisor;").find()).isFalse();
    }

    private static Stream<String> implementationImports(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return java.util.stream.IntStream.range(0, lines.size())
                    .filter(i -> IMPLEMENTATION.matcher(lines.get(i)).find())
                    .mapToObj(i -> file + ":" + (i + 1) + ": " + lines.get(i).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
