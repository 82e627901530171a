package dev.portico.template.vtl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What one render has used of its {@link Limits}. The render's thread holds it while the template runs, because
 * Velocity hands method calls no context; every check is also a look at the clock, so no template outlives its
 * time limit or the function's deadline by more than one bounded step.
 */
final class RenderBudget {
    /** The thread's render budget, in a slot of its own: a slot is changed without {@link ThreadLocal#set}'s upkeep. */
    private static final ThreadLocal<RenderBudget[]> CURRENT = ThreadLocal.withInitial(() -> new RenderBudget[1]);
    /** Strings at least this long are charged once however often they are passed on. */
    private static final int TRACKED_LENGTH = 4096;
    /** How many cheap steps go by between reads of the clock. */
    static final int STEPS_PER_CLOCK = 16;

    private final Limits limits;
    private final long deadlineNanos;
    private final boolean deadlineIsFunction;
    /** Made when the first long string is charged: most renders charge none. */
    private Set<Object> charged;
    private int writes;
    /** Cheap steps since the clock was last read. */
    private int unclocked;
    private int calls;
    private long builtChars;

    RenderBudget(Limits limits, long functionDeadlineNanos) {
        this.limits = limits;
        long now = System.nanoTime();
        long own = now + TimeUnit.MILLISECONDS.toNanos(limits.maxRenderMillis());
        this.deadlineIsFunction = functionDeadlineNanos - own < 0;
        this.deadlineNanos = deadlineIsFunction ? functionDeadlineNanos : own;
        // a render that starts past its deadline stops at its first step, as it would with a clock read at each
        this.unclocked = deadlineNanos - now > 0 ? 0 : STEPS_PER_CLOCK;
    }

    /** The budget of the render running on this thread; a fresh one outside a render. */
    static RenderBudget current() {
        RenderBudget budget = CURRENT.get()[0];
        return budget != null ? budget : new RenderBudget(Limits.DEFAULT, Long.MAX_VALUE);
    }

    Limits limits() {
        return limits;
    }

    /** Makes this the thread's budget until {@link #end()}. */
    RenderBudget begin() {
        CURRENT.get()[0] = this;
        return this;
    }

    void end() {
        CURRENT.get()[0] = null;
    }

    /**
     * A cheap step (an assignment, a loop step, a short piece of output) looks at the clock once in
     * {@link #STEPS_PER_CLOCK}: such a step is bounded by the other limits, and a clock read costs as much as tens of
     * them. A method call, the only step whose cost the template's data decide, looks every time ({@link #call}).
     */
    void step() {
        if (++unclocked >= STEPS_PER_CLOCK) {
            checkTime();
        }
    }

    void checkTime() {
        unclocked = 0;
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new RenderLimitException(deadlineIsFunction ? "template rendering reached the function's deadline"
                    : "template rendering passed " + limits.maxRenderMillis() + " ms");
        }
    }

    void write() {
        if (++writes > limits.maxWrites()) {
            throw new RenderLimitException("template exceeded " + limits.maxWrites() + " assignments/iterations");
        }
        step();
    }

    void call() {
        if (++calls > limits.maxCalls()) {
            throw new RenderLimitException("template exceeded " + limits.maxCalls() + " method calls");
        }
        checkTime();
    }

    /** Checks a value a template keeps or passes on: its size, and the characters built so far. */
    void charge(Object value) {
        if (value instanceof CharSequence text) {
            limits.checkString(text);
            if (text.length() >= TRACKED_LENGTH && charged == null) {
                charged = Collections.newSetFromMap(new IdentityHashMap<>());
            }
            if (text.length() < TRACKED_LENGTH || charged.add(text)) {
                builtChars += text.length();
                if (builtChars > limits.maxBuiltChars()) {
                    throw new RenderLimitException("template built over " + limits.maxBuiltChars()
                            + " characters of strings");
                }
            }
        } else if (value instanceof Collection<?> collection) {
            checkElements(collection.size());
        } else if (value instanceof Map<?, ?> map) {
            checkElements(map.size());
        } else if (value instanceof Object[] array) {
            checkElements(array.length);
        } else if (value instanceof BigInteger big) {
            checkBits(big.bitLength());
        } else if (value instanceof BigDecimal big) {
            checkBits(Math.max(big.unscaledValue().bitLength(), Math.abs(big.scale())));
        }
    }

    void checkElements(long elements) {
        if (elements > limits.maxElements()) {
            throw new RenderLimitException("template made a list, map or range of over " + limits.maxElements()
                    + " elements");
        }
    }

    private void checkBits(int bits) {
        if (bits > limits.maxNumberBits()) {
            throw new RenderLimitException("template made a number of over " + limits.maxNumberBits() + " bits");
        }
    }
}
