/**
 * What runs the function locally as AWS would: {@link dev.portico.tools.emulator.RuntimeApiEmulator} (Lambda's
 * Runtime API) and {@link dev.portico.tools.emulator.PackagedFunction} run {@code function.zip} under the real
 * Lambda runtime interface client, {@link dev.portico.tools.emulator.LambdaInvokeApi} is Lambda's Invoke API in
 * front of such functions, and {@link dev.portico.tools.emulator.LocalServer} is the local load balancer behind
 * {@code ./portico serve}.
 *
 * <p>The Lambda emulators import nothing of the function: they run the deployment package as a black box, so that
 * a test through them checks the package, not the code that built it. Only {@code LocalServer} hosts the
 * function's own code, in this process ({@code ToolsLayersTest} keeps it so).
 */
package dev.portico.tools.emulator;

