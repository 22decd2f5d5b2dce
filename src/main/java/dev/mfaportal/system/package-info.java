/**
 * Cross-cutting web configuration: languages, error pages.
 */
package dev.mfaportal.system;
