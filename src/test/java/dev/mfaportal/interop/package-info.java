/**
 * Interop tests: real clients (the AWS CLI, bash, fish) use what the portal issues and
 * talk to the demo profile's STS emulator, so a snippet or a signature only a Java test
 * accepts fails here.
 */
package dev.mfaportal.interop;
