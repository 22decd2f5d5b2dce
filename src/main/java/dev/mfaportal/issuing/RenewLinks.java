package dev.mfaportal.issuing;

import java.net.URI;
import java.util.Optional;

import dev.mfaportal.credentialsource.CredentialSource;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The result page's renew link: the form again, filled in with the same device, duration,
 * source, profile and role.
 */
@Component
class RenewLinks {

	URI link(CredentialSource source, IssueForm form) {
		return UriComponentsBuilder.fromPath("/")
			.queryParam("source", source.id())
			.queryParam("serialNumber", form.serialNumber())
			.queryParam("durationSeconds", form.durationSeconds())
			.queryParam("profileName", form.profileName())
			.queryParamIfPresent("roleArn", Optional.ofNullable(blankToNull(form.roleArn())))
			.queryParamIfPresent("roleSessionName", Optional.ofNullable(blankToNull(form.roleSessionName())))
			.queryParamIfPresent("externalId", Optional.ofNullable(blankToNull(form.externalId())))
			.queryParamIfPresent("saveProfile", Optional.of("true").filter((t) -> form.savesProfile()))
			.encode()
			.build()
			.toUri();
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
