package dev.portico.tools.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Java the packaged function runs on: the runtime's release where one is installed. */
class RuntimeJavaTest {
    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(PackagedFunction.JAVA_HOME_PROPERTY);
    }

    @Test
    void withoutThePropertyItIsAJavaOfTheRuntimesReleaseWhenThereIsOne() {
        Path home = PackagedFunction.runtimeJava();
        assertTrue(Files.isExecutable(home.resolve("bin/java")), home.toString());
        if (Runtime.version().feature() == PackagedFunction.RUNTIME_JAVA) {
            assertEquals(Path.of(System.getProperty("java.home")), home);
        } else if (PackagedFunction.javaFeature(home) != PackagedFunction.RUNTIME_JAVA) {
            // none installed: the build's own JDK, which is newer than the runtime's
            assertEquals(Path.of(System.getProperty("java.home")), home);
        }
    }

    @Test
    void thePropertyChoosesAndMustNameAJava() {
        System.setProperty(PackagedFunction.JAVA_HOME_PROPERTY, System.getProperty("java.home"));
        assertEquals(Path.of(System.getProperty("java.home")), PackagedFunction.runtimeJava());
        System.setProperty(PackagedFunction.JAVA_HOME_PROPERTY, dir.toString());
        assertThrows(IllegalStateException.class, PackagedFunction::runtimeJava);
    }

    @Test
    void theReleaseComesFromTheReleaseFile() throws Exception {
        Files.writeString(dir.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"25.0.3\"\n");
        assertEquals(25, PackagedFunction.javaFeature(dir));
        Files.writeString(dir.resolve("release"), "JAVA_VERSION=\"1.8.0_412\"\n");
        assertEquals(1, PackagedFunction.javaFeature(dir));
        assertEquals(0, PackagedFunction.javaFeature(dir.resolve("nothing")));
    }
}
