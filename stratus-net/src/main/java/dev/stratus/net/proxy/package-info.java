/**
 * The pooled HTTP reverse proxy every HTTP data plane forwards with ({@link
 * dev.stratus.net.proxy.ReverseProxy}), its outcomes ({@link dev.stratus.net.proxy.ProxyOutcome})
 * and the X-Forwarded-* rules ({@link dev.stratus.net.proxy.ForwardedHeaders}, {@link
 * dev.stratus.net.proxy.XffMode}).
 */
package dev.stratus.net.proxy;
