/**
 * The source of truth: resources as immutable records in tables partitioned by scope, written
 * in serialised, durable transactions that publish {@link dev.stratus.core.store.ChangeEvent}s
 * after commit (ARCHITECTURE rules 2 and 7).
 *
 * <p>{@link dev.stratus.core.store.Stores#open} picks the implementation: {@link
 * dev.stratus.core.store.SqlStore} over {@code <data-dir>/stratus.db}, or {@link
 * dev.stratus.core.store.MemoryStore} for {@code --ephemeral} and tests. Both are a {@link
 * dev.stratus.core.store.MirroredStore}: reads come from an in-memory mirror of committed rows,
 * never from disk.
 */
package dev.stratus.core.store;
