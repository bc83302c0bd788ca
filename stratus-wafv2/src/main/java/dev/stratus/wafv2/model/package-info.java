/** Web ACLs and their scope as records; pure rules (no SDK types, no I/O). */
package dev.stratus.wafv2.model;
