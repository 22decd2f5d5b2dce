/**
 * Help for the portal's users: what the MFA session is for, how the AWS CLI chooses
 * between environment variables and profiles, and how to make AWS require MFA. Text only,
 * from the bundles; the policy examples are code and stay in the template.
 */
package dev.mfaportal.help;
