/**
 * Running the portal: what it counts for Prometheus and whether it can reach STS. The
 * events it listens to carry no secret, and no meter is tagged with a key, a serial
 * number or a code.
 */
package dev.mfaportal.operations;
