package dev.portico.config;

import dev.portico.gateway.Portico;
import dev.portico.integration.http.VertxBackendClient;
import org.jboss.logging.Logger;

/**
 * Work that a function's first request would otherwise wait for, done on a thread of its own while the rest of the
 * start goes on (project issue #20): the template engine's classes and set-up when a served table has templates,
 * the backend client's pools and the classes of an exchange when one calls out. Only what the tables use: no
 * engine for literal templates (answered as they are), no JsonPath unless a template has a JSON helper
 * ({@link Priming#templateUse}). Both are fixed costs, the same for a table of four routes and of ten thousand; no served template is parsed and nothing outside the process is
 * called. A request that comes first does the same work itself, as before; on a function with less than one vCPU
 * the thread shares the CPU with the start, so the gain shrinks there (BENCHMARKS.md, section 9).
 */
final class StartWarmUp {
    private static final Logger LOG = Logger.getLogger(StartWarmUp.class);

    private StartWarmUp() {}

    /** @return the thread started, or null when the tables need neither */
    static Thread start(Portico portico, VertxBackendClient client) {
        Priming.TemplateUse templates = Priming.templateUse(portico);
        boolean backends = Priming.callsBackends(portico);
        if (templates == Priming.TemplateUse.NONE && !backends) {
            return null;
        }
        return Thread.ofPlatform().daemon().name("portico-warm-up").start(() -> {
            long start = System.nanoTime();
            // The backend client first: where a table calls out, most of its first requests do, and the exchange's
            // Netty classes load on the event loop's threads, beside the template engine's that follow here.
            boolean answered = backends && client.warmUp();
            boolean rendered = templates != Priming.TemplateUse.NONE
                    && Priming.warmTemplateEngine(templates == Priming.TemplateUse.ENGINE_AND_JSON);
            LOG.debugf("warm-up: template engine %s, backend client %s, %d ms", rendered, answered,
                    (System.nanoTime() - start) / 1_000_000);
        });
    }
}
