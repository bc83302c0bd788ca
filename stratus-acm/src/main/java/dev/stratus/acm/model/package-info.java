/** ACM's stored rows. */
package dev.stratus.acm.model;
