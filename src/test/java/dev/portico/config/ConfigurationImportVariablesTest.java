package dev.portico.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portico.invocation.PorticoSettings;
import dev.portico.route.openapi.ImportVariables;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The region and account a route table's AWS variables for OpenAPI import resolve to. */
class ConfigurationImportVariablesTest {
    @Test
    void theFunctionsRegionAndAccount() {
        PorticoSettings settings = new PorticoSettings("prod", Map.of(), "/health", "eu-west-1", "111122223333",
                "api", Map.of());
        assertEquals(new ImportVariables("eu-west-1", "111122223333"), Configuration.importVariables(settings));
    }

    @Test
    void theDefaultAccountIdIsNoAccount() {
        // 123456789012 is AWS's example account: resolving ${AWS::AccountId} to it would call into no one's account.
        assertEquals(new ImportVariables(PorticoSettings.DEFAULT_REGION, null),
                Configuration.importVariables(PorticoSettings.defaults()));
    }
}
