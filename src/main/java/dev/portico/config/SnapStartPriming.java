package dev.portico.config;

import dev.portico.gateway.Portico;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: a CRaC resource whose {@link #beforeCheckpoint} runs {@link Priming} on the function's own
 * gateway, so that a snapshot holds its templates parsed and its request path loaded and compiled. Lambda calls
 * the CRaC hooks when it takes a SnapStart snapshot
 * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html); without SnapStart, and in a
 * native image, no checkpoint is taken and nothing is registered.
 */
@Startup
@Singleton
public class SnapStartPriming implements Resource {
    /**
     * What Lambda sets {@code AWS_LAMBDA_INITIALIZATION_TYPE} to when it initialises a function for a snapshot
     * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html: on-demand, provisioned-concurrency
     * or snap-start). Only then is the resource registered: CRaC's first use costs about 30 ms of a start, spent
     * looking for a CRaC implementation that an on-demand start never has.
     */
    static final String SNAP_START = "snap-start";
    private final Portico portico;

    SnapStartPriming(Portico portico) {
        this.portico = portico;
        if (SNAP_START.equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            // The bean holds the resource for the function's life; CRaC keeps only a weak reference.
            Core.getGlobalContext().register(this);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        Priming.prime(portico);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: priming opened nothing that outlives it.
    }
}
