/**
 * Demo mode (Spring profile {@code demo}): the in-process STS emulator plays AWS and its
 * demo user's keys sign the calls, so anyone can try the portal without an AWS account.
 */
package dev.mfaportal.demo;
