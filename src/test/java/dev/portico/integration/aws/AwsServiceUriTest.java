package dev.portico.integration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.route.AwsServiceUri;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsServiceUriTest {

    @Test
    void actionAndPathForms() {
        AwsServiceUri action = AwsServiceUri.parse("arn:aws:apigateway:eu-west-1:sqs:action/SendMessage", Map.of());
        assertEquals("eu-west-1", action.region());
        assertEquals("sqs", action.service());
        assertEquals("SendMessage", action.action());
        assertNull(action.path());

        AwsServiceUri path = AwsServiceUri.parse("arn:aws:apigateway:us-east-1:mybucket.s3:path/folder/{key}", Map.of());
        assertEquals("mybucket", path.subdomain());
        assertEquals("s3", path.service());
        assertEquals("folder/{key}", path.path());
        assertNull(path.lambdaFunction());
    }

    @Test
    void lambdaFunctionArnAliasAndStageVariable() {
        String prefix = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/";
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:orders",
                AwsServiceUri.parse(prefix + "arn:aws:lambda:us-east-1:123456789012:function:orders/invocations", Map.of())
                        .lambdaFunction());
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:orders:live",
                AwsServiceUri.parse(prefix + "arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}:${stageVariables.alias}/invocations",
                        Map.of("fn", "orders", "alias", "live")).lambdaFunction());
        assertThrows(IllegalArgumentException.class,
                () -> AwsServiceUri.parse(prefix + "${stageVariables.unset}/invocations", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> AwsServiceUri.parse("https://example.com", Map.of()));
    }

    @Test
    void endpointsFollowRegionAndServiceUnlessOverridden() {
        AwsEndpoints endpoints = new AwsEndpoints(Map.of("SQS", "http://127.0.0.1:9324/"));
        assertEquals("http://127.0.0.1:9324", endpoints.endpoint("sqs", "eu-west-1", null).toString());
        assertEquals("https://dynamodb.eu-west-1.amazonaws.com", endpoints.endpoint("dynamodb", "eu-west-1", null).toString());
        assertEquals("https://b.s3.eu-west-1.amazonaws.com", endpoints.endpoint("s3", "eu-west-1", "b").toString());
        assertEquals("https://iam.amazonaws.com", endpoints.endpoint("iam", "eu-west-1", null).toString());
        assertEquals("https://lambda.cn-north-1.amazonaws.com.cn", endpoints.endpoint("lambda", "cn-north-1", null).toString());
    }

    @Test
    void binaryAnswersFollowTheFirstAcceptType() {
        List<String> types = List.of("image/png", "*/test", "application/*");
        assertTrue(LambdaProxyAnswer.acceptsBinary("image/png", types));
        assertTrue(LambdaProxyAnswer.acceptsBinary("image/png,image/*,*/*;q=0.8", types));
        assertTrue(LambdaProxyAnswer.acceptsBinary("application/anything", types));
        assertFalse(LambdaProxyAnswer.acceptsBinary("image/webp,image/png", types));
        assertFalse(LambdaProxyAnswer.acceptsBinary("*/*", types));
        assertFalse(LambdaProxyAnswer.acceptsBinary("other/test", types));
        assertFalse(LambdaProxyAnswer.acceptsBinary(null, types));
        assertTrue(LambdaProxyAnswer.acceptsBinary(null, List.of("*/*")));
    }
}
