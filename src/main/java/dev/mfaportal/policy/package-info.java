/**
 * Team mode's policy as code: a reviewed YAML file that says who may get which role, for
 * how long and with whose approval, read at start and again when it changes, and checked
 * before anything is reserved or sent.
 */
package dev.mfaportal.policy;
