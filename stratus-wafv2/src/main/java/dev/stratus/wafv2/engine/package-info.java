/**
 * The pure WAF rule engine: compiles SDK-shaped web ACLs into immutable evaluators and evaluates
 * one request at a time, without I/O (it runs on an event loop). Entry point {@link
 * dev.stratus.wafv2.engine.WafEngine#compile}; result {@link dev.stratus.wafv2.engine.WafResult}.
 */
package dev.stratus.wafv2.engine;
