/**
 * AWS Certificate Manager: certificates the Stratus CA issues at once (RequestCertificate) or
 * that users import, the API over them, and {@link dev.stratus.core.acm.Certificates} for the
 * TLS listeners of every data plane.
 */
package dev.stratus.acm;
