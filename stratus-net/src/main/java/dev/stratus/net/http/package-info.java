/**
 * The HTTP/1.x front end every Stratus HTTP listener shares (ARCHITECTURE "Traffic"): a guarded
 * decoder that refuses request-smuggling vectors, limits against slowloris, connection floods and
 * memory exhaustion ({@link dev.stratus.net.http.HttpGuard}, {@link dev.stratus.net.http.HttpLimits}),
 * the filter slots of core's {@code HttpFilterRegistry}, and the {@link dev.stratus.net.http.HttpService}
 * seam a data plane plugs its router into ({@link dev.stratus.net.http.HttpFrontEnd}). A
 * {@link dev.stratus.net.http.StreamingHttpService} has bodies it asks for written to a file as
 * they arrive instead of aggregated, and a {@link dev.stratus.net.http.FileHttpResponse} is sent
 * from a file a chunk at a time.
 */
package dev.stratus.net.http;
