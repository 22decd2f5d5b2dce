/**
 * Browser tests: what a person sees, proven in Debian's Chromium (headless) through
 * Selenium. The portal runs against the STS emulator; each test class shares one browser.
 */
package dev.mfaportal.browser;
