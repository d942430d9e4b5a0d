/**
 * What both HTTP servers (the JSON-RPC endpoint and the statistics API) share about hostile and broken clients:
 * Jetty's own failures answered as JSON in each API's envelope, never as an HTML page naming a Java class.
 */
package io.minersim.app.http;
