/**
 * Saved MFA devices: each person's named devices with the session length, profile name
 * and keys that go with them, so the issuing form can be filled in one click. Also where
 * a person sees and lifts the locks that attempt limits put on a device.
 */
package dev.mfaportal.device;
