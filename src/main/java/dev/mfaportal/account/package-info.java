/**
 * Team mode (Spring profile {@code team}): the members who sign in, their passwords,
 * optional single sign-on, the first admin, sign-in throttling, session lifetime, and the
 * admin pages.
 */
package dev.mfaportal.account;
