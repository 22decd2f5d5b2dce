/**
 * The installed portal as a desktop app: in local mode, opens the person's browser at the
 * launch link once the portal listens. The package itself (app image, installer, class
 * data archive) is made by the build's {@code dist} profile (README, "Install it").
 */
package dev.mfaportal.launcher;
