package dev.portico.route.openapi;

/** A route table whose request model is a {@code $ref} bomb, for the load's bound on inlining. */
public final class RefBomb {
    private RefBomb() {}

    /**
     * A table whose {@code POST /ok} validates its body against {@code S0}, where each schema names the next twice,
     * {@code levels} deep: 2^levels copies if every reference were inlined, 7 * 2^levels - 4 nodes from the
     * reference to {@code S0}.
     */
    public static String table(int levels) {
        StringBuilder schemas = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            schemas.append("    S").append(i).append(":\n      type: object\n      properties:\n")
                    .append("        a: {$ref: '#/components/schemas/S").append(i + 1).append("'}\n")
                    .append("        b: {$ref: '#/components/schemas/S").append(i + 1).append("'}\n");
        }
        schemas.append("    S").append(levels).append(": {type: string}\n");
        return """
                openapi: 3.0.1
                info: {title: bomb, version: "1"}
                x-amazon-apigateway-request-validators:
                  all: {validateRequestBody: true, validateRequestParameters: true}
                paths:
                  /ok:
                    post:
                      x-amazon-apigateway-request-validator: all
                      requestBody:
                        content:
                          application/json:
                            schema: {$ref: '#/components/schemas/S0'}
                      x-amazon-apigateway-integration:
                        type: mock
                        requestTemplates: {application/json: '{"statusCode": 200}'}
                        responses:
                          default: {statusCode: "200"}
                components:
                  schemas:
                """ + schemas;
    }
}
