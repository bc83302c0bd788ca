/**
 * The edge's caching model: TTL rules (cloudfront.md §10, §17), path patterns (§2), cache settings
 * of a cache policy (§5–§9), and one cache tier with request collapsing (§12). No sockets here.
 */
package dev.stratus.cloudfront.dataplane.cache;
