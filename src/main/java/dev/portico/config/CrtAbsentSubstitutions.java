package dev.portico.config;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;

/**
 * The native image without the AWS Common Runtime ({@code software.amazon.awssdk.crt:aws-crt}, an optional SDK
 * dependency Portico leaves out). The SDK's checksum code ({@code software.amazon.awssdk.checksums.internal
 * .ChecksumProvider}, which every SDK client reaches through its request checksums) checks at run time whether the
 * CRT is there and only then instantiates its CRC32C, CRC64NVME and xxHash classes; but the image builder links
 * every reachable method at build time (Quarkus builds with {@code --link-at-build-time}), so those absent classes
 * fail the build. Each substitute below is exactly what the original method does when the CRT is absent (return
 * {@code null} so that the caller falls back to the JDK's CRC32C, or throw the SDK's own "add aws-crt" message).
 * quarkus-amazon-services did the same for SDK 2.41 ({@code CrcChecksumProvider}, a class 2.57 no longer has);
 * Portico dropped that extension, so it carries this one. Applied only while the CRT is absent
 * ({@link CrtAbsent}); {@code SdkAlignmentTest} checks that the substituted methods still exist in the SDK on the
 * class path. Read by the image builder only; the JVM never loads these classes.
 */
final class CrtAbsentSubstitutions {
    private CrtAbsentSubstitutions() {}

    /** The SDK's class that names the CRT's checksum classes. */
    static final String CHECKSUM_PROVIDER = "software.amazon.awssdk.checksums.internal.ChecksumProvider";

    /** True when the CRT's main class is not on the image's class path. */
    static final class CrtAbsent implements BooleanSupplier {
        @Override
        public boolean getAsBoolean() {
            try {
                Class.forName("software.amazon.awssdk.crt.CRT", false, CrtAbsent.class.getClassLoader());
                return false;
            } catch (ClassNotFoundException e) {
                return true;
            }
        }
    }

    @TargetClass(className = CHECKSUM_PROVIDER, onlyWith = CrtAbsent.class)
    static final class Target_software_amazon_awssdk_checksums_internal_ChecksumProvider {
        /** The original returns {@code null} when the CRT's CRC32C is absent; the caller then uses the JDK's. */
        @Substitute
        static SdkChecksum createCrtCrc32C() {
            return null;
        }

        /** The original's message when the CRT's CRC64NVME is absent. */
        @Substitute
        static SdkChecksum crc64NvmeCrtImplementation() {
            throw new RuntimeException("Could not load software.amazon.awssdk.crt.checksums.CRC64NVME. Add dependency"
                    + " on 'software.amazon.awssdk.crt:aws-crt' module to enable CRC64NVME feature.");
        }

        /** The original's message when the CRT's xxHash is absent. */
        @Substitute
        static SdkChecksum crtXxHash(ChecksumAlgorithm algorithm) {
            throw new RuntimeException("Could not load software.amazon.awssdk.crt.checksums.XXHash for algorithm: "
                    + algorithm.algorithmId() + ". Add dependency on 'software.amazon.awssdk.crt:aws-crt' module.");
        }
    }
}
