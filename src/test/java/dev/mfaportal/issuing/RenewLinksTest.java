package dev.mfaportal.issuing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSource.Kind;
import org.junit.jupiter.api.Test;

import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whom a renew link presets things for, and on which instances: a signed link is the
 * member's own, verifies on every instance of a team, and carries nothing outside its
 * signature.
 */
class RenewLinksTest {

	static final CredentialSource SOURCE = new CredentialSource("profile:work", Kind.PROFILE, "work", "AKIA…0001",
			false, "us-east-1", null, false);

	static final IssueForm WITH_ROLE = new IssueForm("profile:work", "GAHT12345678", "", "3600", "work-mfa", null, null,
			"arn:aws:iam::123456789012:role/Admin", "alice-admin", "ext-1", "true", null);

	static final IssueForm WITHOUT_ROLE = new IssueForm("profile:work", "GAHT12345678", "", "3600", "work-mfa");

	/** The team's shared secret, as every instance loads it from the database. */
	static final RenewLinkKey SHARED = () -> "0123456789abcdef0123456789abcdef".getBytes();

	/** The query as the server hands it to the controller: decoded, first value each. */
	static Map<String, String> parameters(URI link) {
		Map<String, String> parameters = new LinkedHashMap<>();
		UriComponentsBuilder.fromUri(link)
			.build()
			.getQueryParams()
			.forEach((name, values) -> parameters.put(name,
					java.net.URLDecoder.decode(values.get(0), java.nio.charset.StandardCharsets.UTF_8)));
		return parameters;
	}

	@Test
	void readWhenTheLinkWasSignedForAnotherMemberThenNothingOnlyASignedLinkMayCarryIsPreset() {
		RenewLinks links = new RenewLinks(Optional.of(SHARED));
		Map<String, String> forAlice = parameters(links.link("alice", SOURCE, WITH_ROLE));

		RenewLinks.Read byBob = links.read(forAlice, "bob");
		assertThat(byBob.ignored()).isTrue();
		assertThat(byBob.parameters()).doesNotContainKeys(RenewLinks.SIGNED_ONLY.toArray(String[]::new));

		RenewLinks.Read byAlice = links.read(forAlice, "alice");
		assertThat(byAlice.ignored()).isFalse();
		assertThat(byAlice.parameters()).containsEntry("roleArn", WITH_ROLE.roleArn())
			.containsEntry("saveProfile", "true");
	}

	@Test
	void readWhenSignedByAnotherInstanceOfTheTeamThenVerifiedAndInLocalModeEachRunHasItsOwnKey() {
		Map<String, String> byInstanceOne = parameters(
				new RenewLinks(Optional.of(SHARED)).link("alice", SOURCE, WITH_ROLE));
		RenewLinks.Read onInstanceTwo = new RenewLinks(Optional.of(SHARED)).read(byInstanceOne, "alice");
		assertThat(onInstanceTwo.ignored()).isFalse();
		assertThat(onInstanceTwo.parameters()).containsEntry("roleArn", WITH_ROLE.roleArn());

		Map<String, String> byThisRun = parameters(new RenewLinks(Optional.empty()).link("alice", SOURCE, WITH_ROLE));
		RenewLinks.Read byTheNextRun = new RenewLinks(Optional.empty()).read(byThisRun, "alice");
		assertThat(byTheNextRun.ignored()).isTrue();
		assertThat(byTheNextRun.parameters()).doesNotContainKey("roleArn");
	}

	@Test
	void readWhenAnUnsignedDeviceIsAddedToASignedLinkThenOnlyTheSignedFieldsAreTaken() {
		RenewLinks links = new RenewLinks(Optional.empty());
		Map<String, String> tampered = parameters(links.link("alice", SOURCE, WITHOUT_ROLE));
		tampered.put("device", "7");
		tampered.put("unrelated", "x");

		RenewLinks.Read read = links.read(tampered, "alice");
		assertThat(read.parameters()).doesNotContainKeys("device", "unrelated", RenewLinks.SIGNATURE)
			.containsEntry("serialNumber", "GAHT12345678")
			.containsEntry("profileName", "work-mfa");
	}

}
