package dev.portico.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The policy evaluation, the answer's checks, the cache's bounds and the log's redaction, without a function. */
class PolicyTest {
    private static final String ARN = "arn:aws:execute-api:us-east-1:123456789012:portico/prod/GET/pets/1";

    private static AuthorizerAnswer parse(String json) throws AuthorizerAnswer.Malformed {
        return AuthorizerAnswer.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String policy(String statements) {
        return "{\"principalId\": \"u\", \"policyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": "
                + statements + "}}";
    }

    @Test
    void wildcardsMatchAsIamMatchesResources() {
        assertTrue(Policy.wildcard("*", ARN));
        assertTrue(Policy.wildcard("arn:aws:execute-api:*:*:portico/*/GET/pets/?", ARN));
        assertFalse(Policy.wildcard("arn:aws:execute-api:*:*:portico/*/GET/pets/??", ARN));
        assertFalse(Policy.wildcard("arn:aws:execute-api:*:*:portico/*/POST/*", ARN));
        assertFalse(Policy.wildcard(ARN.toUpperCase(), ARN), "resources are case-sensitive");
        assertTrue(Policy.wildcard("**a*" + "*".repeat(5000), "a".repeat(100_000)), "no pattern is slow");
    }

    @Test
    void anExplicitDenyWinsOverAnyAllow() throws Exception {
        AuthorizerAnswer answer = parse(policy("[{\"Effect\": \"Allow\", \"Action\": \"execute-api:Invoke\", "
                + "\"Resource\": \"*\"}, {\"Effect\": \"Deny\", \"Action\": [\"execute-api:*\"], \"Resource\": [\""
                + ARN + "\"]}]"));
        assertEquals(Policy.Decision.EXPLICIT_DENY, answer.policy().evaluate(ARN));
        assertEquals(Policy.Decision.ALLOW, answer.policy().evaluate(ARN.replace("pets/1", "pets/2")));
    }

    @Test
    void aSingleStatementObjectAndActionCaseAreAccepted() throws Exception {
        AuthorizerAnswer answer = parse(policy("{\"Effect\": \"Allow\", \"Action\": \"Execute-API:invoke\", "
                + "\"Resource\": \"" + ARN + "\"}"));
        assertEquals(Policy.Decision.ALLOW, answer.policy().evaluate(ARN));
        assertEquals(Policy.Decision.IMPLICIT_DENY, answer.policy().evaluate(ARN + "/more"));
    }

    @Test
    void answersThatAreNoPolicyAreRefused() {
        for (String bad : List.of("null", "[]", "not json", "{\"policyDocument\": {\"Statement\": []}}",
                "{\"principalId\": \"u\"}", policy("\"x\""), policy("[{\"Effect\": \"allow!\", \"Action\": \"*\", "
                        + "\"Resource\": \"*\"}]"), policy("[{\"Effect\": \"Allow\", \"Resource\": \"*\"}]"),
                policy("[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": [1]}]"),
                "{\"principalId\": \"u\", \"context\": {\"a\": [1]}, \"policyDocument\": {\"Statement\": []}}")) {
            assertThrows(AuthorizerAnswer.Malformed.class, () -> parse(bad), bad);
        }
    }

    @Test
    void contextValuesBecomeStrings() throws Exception {
        AuthorizerAnswer answer = parse("{\"principalId\": 7, \"context\": {\"s\": \"v\", \"n\": 1.5, \"b\": false}, "
                + "\"policyDocument\": {\"Statement\": []}, \"usageIdentifierKey\": \"key\"}");
        assertEquals("7", answer.principalId());
        assertEquals(List.of("s=v", "n=1.5", "b=false"),
                answer.context().entrySet().stream().map(Object::toString).toList());
        assertEquals("key", answer.usageIdentifierKey());
    }

    @Test
    void theCacheIsBoundedAndExpires() throws Exception {
        AtomicLong now = new AtomicLong();
        ResultCache cache = new ResultCache(2, now::get);
        AuthorizerAnswer answer = parse(policy("[]"));
        cache.put("a", answer, 10);
        cache.put("b", answer, 10);
        cache.get("a");
        cache.put("c", answer, 10);
        assertEquals(2, cache.size());
        assertNull(cache.get("b"), "the least recently used went first");
        assertEquals(answer, cache.get("a"));
        now.addAndGet(10_000_000_000L);
        assertNull(cache.get("a"), "expired after its TTL");
    }

    @Test
    void identityValuesNeverReachTheLog() {
        assertEquals("refused: *** and ***", LambdaAuthorizers.redact("refused: secret-token and secret-token",
                List.of("secret-token")));
    }
}
