/**
 * What every Stratus service shares: accounts and regions of a request, AWS-shaped errors, ids,
 * the store with its change events, and the small interfaces through which services meet.
 */
package dev.stratus.core;
