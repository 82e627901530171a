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
 * native image, no checkpoint is taken and this costs the start only the registration.
 */
@Startup
@Singleton
public class SnapStartPriming implements Resource {
    private final Portico portico;

    SnapStartPriming(Portico portico) {
        this.portico = portico;
        // The bean holds the resource for the function's life; CRaC keeps only a weak reference.
        Core.getGlobalContext().register(this);
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
