package bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One event through a Quarkus Lambda function's entry point, {@link QuarkusStreamHandler} (what the Lambda
 * runtime calls), with the Quarkus application started in this JVM: event bytes in, response bytes out.
 * Which function answers depends on the class path bench/run.sh gives: the rival (quarkus-amazon-lambda-http
 * and a JAX-RS resource, fed an HTTP API v2 event) or Portico's own function.zip (fed the ALB event).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StreamHandlerBench {

    @Param("bench/events/httpapi-v2-get-hello.json")
    public String event;

    private QuarkusStreamHandler handler;
    private byte[] eventBytes;
    private final Context context = new BenchContext();

    @Setup
    public void setUp() throws IOException {
        handler = new QuarkusStreamHandler(); // its class initializer starts the Quarkus application
        eventBytes = Files.readAllBytes(Path.of(event));
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(eventBytes), first, context);
        String answer = first.toString(StandardCharsets.UTF_8);
        System.out.println("[bench] QuarkusStreamHandler answers: " + answer);
        if (!answer.contains("Hello, Ada Lovelace!")) {
            throw new IllegalStateException("unexpected answer: " + answer);
        }
    }

    @Benchmark
    public byte[] invoke() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        started = System.nanoTime();
        worker = Thread.currentThread();
        try {
            handler.handleRequest(new ByteArrayInputStream(eventBytes), out, context);
        } catch (Exception e) {
            // interrupted by the watchdog (LambdaHttpHandler itself answers an error instead of throwing)
        } finally {
            started = 0;
            Thread.interrupted(); // no interrupt may leak into the next invocation
        }
        return out.toByteArray();
    }

    /*
     * quarkus-amazon-lambda-http sometimes never completes an event: LambdaHttpHandler.nettyDispatch waits
     * forever on a response future that nothing completes (seen after some 10^5 events, every thread idle).
     * On Lambda that event would end at the function timeout. Here a watchdog interrupts an invocation that
     * has run for WATCHDOG_MS, and the count of such events is printed at the end of the fork.
     */
    private static final long WATCHDOG_MS = 1000;
    private final AtomicInteger lost = new AtomicInteger();
    private volatile long started;
    private volatile Thread worker;
    private Thread watchdog;

    @Setup
    public void startWatchdog() {
        watchdog = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long since = started;
                Thread target = worker;
                if (since != 0 && target != null && System.nanoTime() - since > WATCHDOG_MS * 1_000_000) {
                    started = 0;
                    lost.incrementAndGet();
                    target.interrupt();
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    @TearDown
    public void report() {
        watchdog.interrupt();
        System.out.println("[bench] lost events (no answer within " + WATCHDOG_MS + " ms): " + lost.get());
    }

    static final class BenchContext implements Context {
        public String getAwsRequestId() { return "bench-request"; }
        public String getLogGroupName() { return "/aws/lambda/bench"; }
        public String getLogStreamName() { return "local"; }
        public String getFunctionName() { return "bench"; }
        public String getFunctionVersion() { return "$LATEST"; }
        public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:bench"; }
        public CognitoIdentity getIdentity() { return null; }
        public ClientContext getClientContext() { return null; }
        public int getRemainingTimeInMillis() { return 30_000; }
        public int getMemoryLimitInMB() { return 512; }
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                public void log(String message) { System.out.print(message); }
                public void log(byte[] message) { System.out.write(message, 0, message.length); }
            };
        }
    }
}
