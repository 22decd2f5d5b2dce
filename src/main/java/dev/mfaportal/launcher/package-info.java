/**
 * The installed portal as a desktop app: in local mode, opens the person's browser at the
 * launch link once the portal listens (through a page only they can read, never with the
 * link on a command line), and answers a second start of the portal by the same person
 * with a fresh link ({@link dev.mfaportal.launcher.SecondStart}). The package itself (app
 * image, installer, class data archive) is made by the build's {@code dist} profile
 * (README, "Install it").
 */
package dev.mfaportal.launcher;
