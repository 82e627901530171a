package dev.portico.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The native build needs the AWS SDK that the classpath's native substitutions were written against (issue 21):
 * quarkus-amazon-services 3.14.1 is built on SDK 2.41.18, and its {@code CrtSubstitutions$Target_CrcChecksumProvider}
 * names {@code software.amazon.awssdk.checksums.internal.CrcChecksumProvider}, which the pom's SDK BOM (2.57.8) no
 * longer has, so the image build failed with {@code TypeNotPresentException}. Portico builds its DynamoDB client
 * itself and depends on the plain SDK client instead of that extension. These tests read what Maven resolved (the
 * test classpath) so that a dependency bringing such a mismatch back fails here, not only in a native build.
 */
class SdkAlignmentTest {
    private static final Pattern SDK_JAR = Pattern.compile(".*/software/amazon/awssdk/([^/]+)/([^/]+)/[^/]+\\.jar");
    /**
     * A class of the SDK as a substitution names it: {@code @TargetClass(className = "software.amazon...")}, or
     * {@code @TargetClass(Some.class)} and the substitute's signatures ({@code software/amazon/...}).
     */
    private static final Pattern SDK_CLASS_NAME = Pattern.compile("software[./]amazon[./]awssdk(?:[./][A-Za-z_$][\\w$]*)+");

    private static List<String> classpath() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    private static String pomProperty(String name) throws IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find(), "pom.xml has no " + name);
        return m.group(1).strip();
    }

    @Test
    void everySdkArtifactHasTheBomsVersion() throws IOException {
        String bom = pomProperty("awssdk.version");
        Map<String, String> offBom = new TreeMap<>();
        int sdkJars = 0;
        for (String entry : classpath()) {
            Matcher m = SDK_JAR.matcher(entry.replace(File.separatorChar, '/'));
            if (m.matches()) {
                sdkJars++;
                if (!m.group(2).equals(bom)) {
                    offBom.put(m.group(1), m.group(2));
                }
            }
        }
        assertTrue(sdkJars > 10, "the SDK's jars are on the classpath");
        assertEquals(Map.of(), offBom, "SDK artifacts off the BOM's " + bom);
    }

    @Test
    void noNativeSubstitutionNamesAnSdkClassThatIsMissing() throws IOException {
        List<String> unresolved = new ArrayList<>();
        for (String entry : classpath()) {
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                unresolved.addAll(missingSdkTargets(Path.of(entry)));
            }
        }
        assertEquals(List.of(), unresolved);
    }

    /** The check itself, on the extension that broke the build: its substitution names a class 2.57.8 lacks. */
    @Test
    void theCheckFindsTheSubstitutionThatBrokeTheBuild() throws IOException {
        Path common = Path.of(System.getProperty("user.home"), ".m2/repository/io/quarkiverse/amazonservices/"
                + "quarkus-amazon-common/3.14.1/quarkus-amazon-common-3.14.1.jar");
        assumeTrue(Files.isRegularFile(common), "quarkus-amazon-common 3.14.1 is not in the local repository");
        assertTrue(missingSdkTargets(common).stream().anyMatch(
                m -> m.contains("software.amazon.awssdk.checksums.internal.CrcChecksumProvider")), common.toString());
    }

    @Test
    void noQuarkusAmazonServicesExtensionIsOnTheClasspath() {
        List<String> extensions = classpath().stream()
                .filter(e -> e.replace(File.separatorChar, '/').contains("/io/quarkiverse/amazonservices/")).toList();
        assertFalse(extensions.stream().anyMatch(e -> !e.contains("-bom")),
                "a quarkus-amazon-* extension substitutes into the SDK it is built on; align awssdk.version: " + extensions);
    }

    /**
     * The SDK classes that substitution classes in {@code jar} name (GraalVM's {@code @TargetClass}; by convention
     * named {@code Target_...} or {@code ...Substitutions}) and that this classpath does not have.
     */
    static List<String> missingSdkTargets(Path jar) throws IOException {
        List<String> missing = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                String name = entry.getName();
                if (!name.endsWith(".class") || !(name.contains("Target_") || name.contains("Substitution"))) {
                    continue;
                }
                String bytes = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                if (!bytes.contains("com/oracle/svm/core/annotate/TargetClass")) {
                    continue;
                }
                Matcher m = SDK_CLASS_NAME.matcher(bytes);
                TreeSet<String> named = new TreeSet<>();
                while (m.find()) {
                    named.add(m.group().replace('/', '.'));
                }
                for (String target : named) {
                    if (SdkAlignmentTest.class.getClassLoader().getResource(target.replace('.', '/') + ".class") == null
                            && !isPackageName(target)) {
                        missing.add(jar.getFileName() + "!" + name + " -> " + target);
                    }
                }
            }
        }
        return missing;
    }

    /** A string like {@code software.amazon.awssdk.core} in a class file can be a package, not a class. */
    private static boolean isPackageName(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        return last.isEmpty() || Character.isLowerCase(last.charAt(0));
    }
}
