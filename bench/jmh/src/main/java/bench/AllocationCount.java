package bench;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated per event, exactly, for the paths of {@link WarmPathBench}: its set-up, a warm-up, then rounds
 * that divide the allocation of every thread of this JVM (the HTTP client's event loop included; the backends run
 * in another process, {@code -Dbench.backend=PORT}) by the events of the round. Quieter than JMH's
 * {@code gc.alloc.rate.norm}, which also counts what the harness allocates between operations, so a change of a few
 * hundred bytes shows.
 *
 * <pre>java -cp ... -Dbench.backend=PORT bench.AllocationCount [PATHS [WARMUP [EVENTS [ROUNDS]]]]</pre>
 */
public final class AllocationCount {
    private AllocationCount() {}

    public static void main(String[] args) {
        String[] paths = (args.length > 0 ? args[0] : "MOCK,HTTP_PROXY,HTTP,AWS_PROXY").split(",");
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30_000;
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.println("path\tmin B/event\tmax B/event");
        for (String path : paths) {
            WarmPathBench bench = new WarmPathBench();
            bench.path = path;
            bench.setUp();
            Object sink = null;
            for (int i = 0; i < warmup; i++) sink = bench.event();
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int r = 0; r < rounds; r++) {
                long before = threads.getTotalThreadAllocatedBytes();
                for (int i = 0; i < events; i++) sink = bench.event();
                long perEvent = (threads.getTotalThreadAllocatedBytes() - before) / events;
                min = Math.min(min, perEvent);
                max = Math.max(max, perEvent);
            }
            if (sink == null) throw new IllegalStateException(path + ": no answer");
            bench.tearDown();
            System.out.println(path + "\t" + min + "\t" + max);
        }
        System.exit(0); // the HTTP client's event loop threads would keep the JVM up
    }
}
