package dev.whetstone.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The engine version comes from the build, not from a literal in the code. */
class EngineVersionTest {

    @Test
    void theVersionIsTheOneMavenBuilds() {
        assertThat(System.getProperty("whetstone.build.version")).as("set by engine/pom.xml's surefire configuration").isNotBlank();
        assertThat(EngineVersion.current()).isEqualTo(System.getProperty("whetstone.build.version"));
    }
}
