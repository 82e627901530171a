package bench;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated per event, exactly, for the paths of {@link WarmPathBench}: its set-up, a warm-up, then rounds
 * that divide the allocation of every thread of this JVM (the HTTP client's event loop included; the backends run
 * in another process, {@code -Dbench.backend=PORT}) by the events of the round. Quieter than JMH's
 * {@code gc.alloc.rate.norm}, which also counts what the harness allocates between operations, so a change of a few
 * hundred bytes shows. Also prints the CPU time all threads of this JVM spent per event and the wall-clock time per
 * event (one event at a time, so wall minus CPU is mostly waiting for the backend).
 *
 * <pre>java -cp ... -Dbench.backend=PORT bench.AllocationCount [PATHS [WARMUP [EVENTS [ROUNDS]]]]</pre>
 */
public final class AllocationCount {
    private AllocationCount() {}

    /** CPU time of every live thread of this JVM (the backends run in another process). */
    private static long cpuNanos(com.sun.management.ThreadMXBean threads) {
        long total = 0;
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t > 0) total += t;
        }
        return total;
    }

    public static void main(String[] args) {
        String[] paths = (args.length > 0 ? args[0] : "MOCK,HTTP_PROXY,HTTP,AWS_PROXY").split(",");
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30_000;
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.println("path\tmin B/event\tmax B/event\tCPU µs/event (all threads)\twall µs/event\twall median µs\twall p99 µs");
        for (String path : paths) {
            WarmPathBench bench = new WarmPathBench();
            bench.path = path;
            bench.setUp();
            Object sink = null;
            for (int i = 0; i < warmup; i++) sink = bench.event();
            long min = Long.MAX_VALUE;
            long max = 0;
            long cpu = 0;
            long wall = 0;
            for (int r = 0; r < rounds; r++) {
                long cpuBefore = cpuNanos(threads);
                long start = System.nanoTime();
                long before = threads.getTotalThreadAllocatedBytes();
                for (int i = 0; i < events; i++) sink = bench.event();
                long perEvent = (threads.getTotalThreadAllocatedBytes() - before) / events;
                wall += System.nanoTime() - start;
                cpu += cpuNanos(threads) - cpuBefore;
                min = Math.min(min, perEvent);
                max = Math.max(max, perEvent);
            }
            if (sink == null) throw new IllegalStateException(path + ": no answer");
            bench.tearDown();
            // then one event at a time on the clock, for the median: a separate round, so the counters above
            // do not include the clock's own calls
            long[] times = new long[rounds * events];
            for (int i = 0; i < times.length; i++) {
                long start = System.nanoTime();
                sink = bench.event();
                times[i] = System.nanoTime() - start;
            }
            java.util.Arrays.sort(times);
            double median = times[times.length / 2] / 1e3;
            double p99 = times[(int) (times.length * 0.99)] / 1e3;
            long all = (long) rounds * events;
            System.out.printf("%s\t%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f%n", path, min, max, cpu / 1e3 / all, wall / 1e3 / all,
                    median, p99);
        }
        System.exit(0); // the HTTP client's event loop threads would keep the JVM up
    }
}
