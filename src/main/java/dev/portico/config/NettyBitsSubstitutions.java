package dev.portico.config;

import com.oracle.svm.core.annotate.Alias;
import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;
import java.lang.reflect.Field;

/**
 * Netty (under Vert.x, Portico's HTTP client) reads two static fields of the JDK's {@code java.nio.Bits} through
 * reflection when it starts, in one {@code PrivilegedAction} of {@code PlatformDependent0}'s initialiser:
 * {@code MAX_MEMORY} (a hint for its direct memory limit) and {@code UNALIGNED}. In a native image
 * {@code MAX_MEMORY} is not a field but GraalVM's own accessor ({@code com.oracle.svm.core.jdk.Target_java_nio_Bits},
 * {@code @InjectAccessors}), so it cannot be registered for reflection: every start logged a
 * {@code MissingReflectionRegistrationError} (which Netty catches, then falls back to its own limit). The substitute
 * keeps the {@code UNALIGNED} half exactly as Netty does it and leaves out the {@code MAX_MEMORY} half, whose result
 * Netty already does without natively. {@code SdkAlignmentTest} checks that the targeted class is still that action
 * in the Netty on the class path (an anonymous class: a Netty upgrade may renumber it). Image builder only.
 */
final class NettyBitsSubstitutions {
    private NettyBitsSubstitutions() {}

    /** Netty 4.1's action that reads {@code java.nio.Bits}'s {@code MAX_MEMORY} and {@code UNALIGNED}. */
    static final String BITS_ACTION = "io.netty.util.internal.PlatformDependent0$6";

    @TargetClass(className = "io.netty.util.internal.PlatformDependent0")
    static final class Target_io_netty_util_internal_PlatformDependent0 {
        @Alias
        static sun.misc.Unsafe UNSAFE;
    }

    @TargetClass(className = BITS_ACTION)
    static final class Target_io_netty_util_internal_PlatformDependent0_BitsAction {
        /** Netty's own reading of {@code Bits.UNALIGNED} (Java 11 and later), without {@code MAX_MEMORY}. */
        @Substitute
        public Object run() {
            try {
                Class<?> bits = Class.forName("java.nio.Bits", false, ClassLoader.getSystemClassLoader());
                Field unaligned = bits.getDeclaredField("UNALIGNED");
                if (unaligned.getType() != boolean.class) {
                    return new NoSuchFieldException("java.nio.Bits.UNALIGNED is not a boolean");
                }
                sun.misc.Unsafe unsafe = Target_io_netty_util_internal_PlatformDependent0.UNSAFE;
                return unsafe.getBoolean(unsafe.staticFieldBase(unaligned), unsafe.staticFieldOffset(unaligned));
            } catch (ReflectiveOperationException | SecurityException e) {
                return e;
            }
        }
    }
}
