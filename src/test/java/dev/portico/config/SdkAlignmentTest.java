package dev.portico.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
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
 * The native build needs every native substitution on the classpath to name SDK classes that exist (issue 21):
 * quarkus-amazon-dynamodb 3.14.1, built on SDK 2.41.18, substitutes into
 * {@code software.amazon.awssdk.checksums.internal.CrcChecksumProvider}, which the project's SDK (2.57.8, a fixed
 * choice) no longer has, so the image build failed with {@code TypeNotPresentException}. The extension is gone
 * (its client was never injected; issue 20), and these tests read what Maven resolved (the test classpath) so that
 * an extension or SDK change bringing such a mismatch back fails here, not only in a native build.
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
        ClassLoader classpath = SdkAlignmentTest.class.getClassLoader();
        List<String> unresolved = new ArrayList<>();
        for (String entry : classpath()) {
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                List<String> named = sdkTargets(Path.of(entry));
                named.stream().filter(target -> classpath.getResource(classFile(target)) == null)
                        .map(target -> Path.of(entry).getFileName() + " -> " + target).forEach(unresolved::add);
            }
        }
        assertEquals(List.of(), unresolved);
    }

    /** The check itself, against the SDK that broke the build: 2.57.8's checksums lack the substituted class. */
    @Test
    void theCheckFindsTheSubstitutionThatBrokeTheBuild() throws IOException {
        Path repo = Path.of(System.getProperty("user.home"), ".m2/repository");
        Path common = repo.resolve("io/quarkiverse/amazonservices/quarkus-amazon-common/3.14.1/quarkus-amazon-common-3.14.1.jar");
        Path checksums = repo.resolve("software/amazon/awssdk/checksums/2.57.8/checksums-2.57.8.jar");
        assumeTrue(Files.isRegularFile(common) && Files.isRegularFile(checksums), "3.14.1 / 2.57.8 jars not present");
        try (ZipFile newer = new ZipFile(checksums.toFile())) {
            List<String> missing = sdkTargets(common).stream()
                    .filter(target -> target.startsWith("software.amazon.awssdk.checksums."))
                    .filter(target -> newer.getEntry(classFile(target)) == null).toList();
            assertTrue(missing.contains("software.amazon.awssdk.checksums.internal.CrcChecksumProvider"), missing.toString());
        }
    }

    /**
     * Portico's own substitution ({@link CrtAbsentSubstitutions}) replaces methods of an SDK class by name: each must
     * still exist in the SDK on the class path with the same parameters and result, or the image build fails (or,
     * worse, substitutes nothing the code reaches). The CRT is absent here as in the image, so it applies.
     */
    @Test
    void porticosSubstitutionsReplaceMethodsTheSdkHas() throws ReflectiveOperationException {
        assertTrue(new CrtAbsentSubstitutions.CrtAbsent().getAsBoolean(), "the CRT is absent, so the substitution applies");
        int checked = 0;
        for (Class<?> substitution : CrtAbsentSubstitutions.class.getDeclaredClasses()) {
            com.oracle.svm.core.annotate.TargetClass target =
                    substitution.getAnnotation(com.oracle.svm.core.annotate.TargetClass.class);
            if (target == null) {
                continue;
            }
            Class<?> sdk = Class.forName(target.className(), false, SdkAlignmentTest.class.getClassLoader());
            for (java.lang.reflect.Method method : substitution.getDeclaredMethods()) {
                if (method.isAnnotationPresent(com.oracle.svm.core.annotate.Substitute.class)) {
                    java.lang.reflect.Method original = sdk.getDeclaredMethod(method.getName(), method.getParameterTypes());
                    assertEquals(original.getReturnType(), method.getReturnType(), original.toString());
                    assertEquals(java.lang.reflect.Modifier.isStatic(original.getModifiers()),
                            java.lang.reflect.Modifier.isStatic(method.getModifiers()), original.toString());
                    checked++;
                }
            }
        }
        assertEquals(3, checked, "substituted methods checked");
    }

    /**
     * {@link NettyBitsSubstitutions} replaces an anonymous class of Netty's by name: it must still be the action that
     * reads {@code java.nio.Bits}'s {@code MAX_MEMORY} and {@code UNALIGNED}, with the {@code UNSAFE} field the
     * substitute aliases, or a Netty upgrade would have it replace some other action.
     */
    @Test
    void theNettySubstitutionStillTargetsTheBitsAction() throws Exception {
        ClassLoader loader = SdkAlignmentTest.class.getClassLoader();
        Class<?> action = Class.forName(NettyBitsSubstitutions.BITS_ACTION, false, loader);
        assertTrue(java.security.PrivilegedAction.class.isAssignableFrom(action), action.getName());
        assertEquals(Object.class, action.getDeclaredMethod("run").getReturnType());
        try (var in = loader.getResourceAsStream(classFile(NettyBitsSubstitutions.BITS_ACTION))) {
            String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            for (String constant : List.of("java.nio.Bits", "MAX_MEMORY", "UNALIGNED")) {
                assertTrue(bytes.contains(constant), NettyBitsSubstitutions.BITS_ACTION + " names " + constant);
            }
        }
        Field unsafe = Class.forName("io.netty.util.internal.PlatformDependent0", false, loader).getDeclaredField("UNSAFE");
        assertEquals("sun.misc.Unsafe", unsafe.getType().getName());
        assertTrue(java.lang.reflect.Modifier.isStatic(unsafe.getModifiers()));
    }

    private static String classFile(String className) {
        return className.replace('.', '/') + ".class";
    }

    /**
     * The SDK classes that substitution classes in {@code jar} name (GraalVM's {@code @TargetClass}; by convention
     * named {@code Target_...} or {@code ...Substitutions}), but for the optional CRT library's
     * ({@code software.amazon.awssdk.crt}), which substitutions name precisely because it is absent.
     */
    static List<String> sdkTargets(Path jar) throws IOException {
        List<String> found = new ArrayList<>();
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
                    if (!isPackageName(target) && !target.startsWith("software.amazon.awssdk.crt.")) {
                        found.add(target);
                    }
                }
            }
        }
        return found;
    }

    /** A string like {@code software.amazon.awssdk.core} in a class file can be a package, not a class. */
    private static boolean isPackageName(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        return last.isEmpty() || Character.isLowerCase(last.charAt(0));
    }
}
