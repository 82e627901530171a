package dev.portico;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.tools.emulator.PackagedFunction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .mvn/jdk.sh, which ./mvnw and ./portico source: JAVA_HOME ends up a JDK that can compile for the runtime. */
class JdkFinderTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir
    Path dir;

    /** A folder that looks like a JDK of {@code feature} to the script. */
    private Path fakeJdk(String name, int feature) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name).resolve("bin"));
        Path javac = Files.writeString(home.resolve("javac"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(javac, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.getParent().resolve("release"), "JAVA_VERSION=\"" + feature + ".0.1\"\n");
        return home.getParent();
    }

    private String javaHomeAfterSourcing(Path javaHome) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", ". ./.mvn/jdk.sh && printf %s \"$JAVA_HOME\"")
                .directory(PROJECT.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("HOME", dir.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out;
    }

    @Test
    void aJavaHomeThatCanBuildIsKept() throws Exception {
        Path newer = fakeJdk("jdk-newer", PackagedFunction.RUNTIME_JAVA + 1);
        assertEquals(newer.toString(), javaHomeAfterSourcing(newer));
    }

    @Test
    void anOlderJavaHomeIsReplacedByOneThatCan() throws Exception {
        Path old = fakeJdk("jdk-17", 17);
        String found = javaHomeAfterSourcing(old);
        assertTrue(PackagedFunction.javaFeature(Path.of(found)) >= PackagedFunction.RUNTIME_JAVA, found);
        // the build itself runs on what the script picks
        assertTrue(Runtime.version().feature() >= PackagedFunction.RUNTIME_JAVA);
    }
}
