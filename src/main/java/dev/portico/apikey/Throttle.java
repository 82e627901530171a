package dev.portico.apikey;

/**
 * A rate and burst limit, as API Gateway's {@code ThrottleSettings}: a token bucket that holds at most
 * {@code burstLimit} tokens and refills at {@code rateLimit} a second; each request takes one.
 *
 * @param rateLimit  steady-state requests per second
 * @param burstLimit the bucket's size; below 1 it is taken as the rate rounded up (at least 1), so that a plan
 *                   with a rate and no burst still admits requests
 */
public record Throttle(double rateLimit, int burstLimit) {

    public Throttle {
        if (!(rateLimit >= 0) || Double.isInfinite(rateLimit)) {
            throw new IllegalArgumentException("rateLimit must be a number of requests a second, not " + rateLimit);
        }
    }

    /** The bucket's capacity in tokens. */
    public long capacity() {
        return burstLimit >= 1 ? burstLimit : Math.max(1, (long) Math.ceil(rateLimit));
    }
}
