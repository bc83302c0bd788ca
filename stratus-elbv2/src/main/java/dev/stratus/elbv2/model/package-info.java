/** Load balancers and target groups as records; pure rules (no SDK types, no I/O). */
package dev.stratus.elbv2.model;
