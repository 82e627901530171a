/**
 * The events each caller sends for a plain HTTP request (an ALB target group in either multi-value mode, a REST
 * API proxy resource, an HTTP API) and the reading of the answers it accepts, after
 * {@code ../shared/aws-sample-events/FORMAT.md} and the sample events beside it. {@code ./portico serve} and the
 * conformance runner build their events here.
 *
 * <p>These are the callers' side of the wire, written from AWS's samples, and they import nothing of the function:
 * a decoder bug in {@code dev.portico.event} cannot hide behind the same bug here ({@code ToolsLayersTest} keeps it
 * so).
 */
package dev.portico.tools.callers;

