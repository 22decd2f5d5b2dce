package dev.mfaportal.terminal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What the result page and the form show about serving: whether a session is held and
 * until when, and the lines to paste once. Holds no credential.
 *
 * @param heldUntil when the held session expires, or {@code null} when none is held
 * @param source the name of the source the held session came from, or {@code null}
 * @param tokenFile the terminal token's file
 * @param bash the bash/zsh lines for the session
 * @param fish the fish lines
 * @param powershell the PowerShell lines
 * @param config {@code credential_process} profiles for {@code ~/.aws/config}
 * @param roles the role profiles served, each with its endpoint
 * @param terminalFetched whether a program got in with the terminal token since it was
 * made: the lines are then folded, since someone who renews every morning pasted them
 * long ago
 */
public record ServedSessionView(Instant heldUntil, String source, String tokenFile, String bash, String fish,
		String powershell, String config, List<ServedRole> roles, boolean terminalFetched) {

	private static final DateTimeFormatter READABLE_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	public boolean held() {
		return this.heldUntil != null;
	}

	public String heldUntilIso() {
		return (this.heldUntil != null) ? DateTimeFormatter.ISO_INSTANT.format(this.heldUntil) : null;
	}

	public String heldUntilUtc() {
		return (this.heldUntil != null) ? READABLE_UTC.format(this.heldUntil) : null;
	}

	/**
	 * A role profile and its endpoint.
	 *
	 * @param profile the profile name
	 * @param roleArn its role
	 * @param url the endpoint
	 * @param servable whether the held session comes from its source profile
	 */
	public record ServedRole(String profile, String roleArn, String url, boolean servable) {

	}

}
