package dev.whetstone.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DetachedTest {

    @Test
    void anInstalledAppStartsItselfThroughItsLauncher() {
        assertThat(Detached.thisProgram("/opt/whetstone/bin/whetstone", "/opt/whetstone/lib/runtime", "/opt/x.jar"))
                .containsExactly("/opt/whetstone/bin/whetstone");
    }

    @Test
    void aBuildStartsItselfWithItsJavaAndClassPath() {
        assertThat(Detached.thisProgram(null, "/usr/lib/jvm/17", "a.jar:b.jar")).containsExactly(
                Path.of("/usr/lib/jvm/17", "bin", "java").toString(), "-cp", "a.jar:b.jar", WhetstoneCommand.class.getName());
    }
}
