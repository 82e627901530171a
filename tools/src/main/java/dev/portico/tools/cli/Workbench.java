package dev.portico.tools.cli;

import dev.portico.event.EventDecoder;
import dev.portico.event.IncomingRequest;
import dev.portico.event.ResponseEncoder;
import dev.portico.gateway.Portico;
import dev.portico.gateway.Rehearsal;
import dev.portico.integration.Integrations;
import dev.portico.invocation.PorticoSettings;
import dev.portico.route.RouteTable;
import dev.portico.tools.callers.Answer;
import dev.portico.tools.callers.AnswerDecoder;
import dev.portico.tools.callers.CallerEvents;
import dev.portico.tools.callers.ClientRequest;
import dev.portico.tools.callers.EventFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One request through the function's own pipeline, in-process, against {@link StubBackends}: the client's request
 * becomes the caller's event, {@link EventDecoder} decodes it as the function does, {@link Portico#rehearse} runs
 * every stage keeping each one's output, and the answer is encoded in the caller's shape and read back as the
 * caller would read it.
 */
final class Workbench {
    /**
     * @param rehearsal each stage's output
     * @param answer    the answer as the caller reads it
     * @param received  what the stub backends received, in order
     */
    record Outcome(Rehearsal rehearsal, Answer answer, List<StubBackends.Received> received) {}

    private Workbench() {}

    static Outcome run(RouteTable table, PorticoSettings settings, Map<String, String> stageVariables,
                       StubBackends stubs, ClientRequest request, EventFormat format) {
        Map<String, String> variables = new LinkedHashMap<>(settings.stageVariables());
        variables.putAll(stageVariables);
        Map<String, String> overrides = new LinkedHashMap<>(settings.awsEndpointOverrides());
        overrides.putAll(stubs.endpointOverrides());
        PorticoSettings stubbed = settings.withStageVariables(variables).withAwsEndpointOverrides(overrides);
        Portico portico = new Portico(() -> table, Integrations.standard(stubbed, stubs.client()), stubbed);
        int before = stubs.received().size();
        IncomingRequest incoming = new EventDecoder().decode(
                CallerEvents.build(format, request, stubbed.stage(), UUID.randomUUID().toString()));
        Rehearsal rehearsal = portico.rehearse(incoming);
        byte[] encoded = new ResponseEncoder().encode(rehearsal.answer(), incoming.format());
        try {
            List<StubBackends.Received> received = stubs.received();
            return new Outcome(rehearsal, AnswerDecoder.decode(encoded, format),
                    received.subList(before, received.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
