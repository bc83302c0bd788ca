/** Accelerators as records; pure rules (no SDK types, no I/O). */
package dev.stratus.globalaccelerator.model;
