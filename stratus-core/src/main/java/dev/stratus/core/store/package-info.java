/**
 * The source of truth: resources as immutable records in tables partitioned by scope, written
 * in serialised, durable transactions that publish {@link dev.stratus.core.store.ChangeEvent}s
 * after commit (ARCHITECTURE rules 2 and 7).
 */
package dev.stratus.core.store;
