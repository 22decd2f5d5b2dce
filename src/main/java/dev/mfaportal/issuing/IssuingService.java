package dev.mfaportal.issuing;

import java.net.URI;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.snippet.Snippets;
import dev.mfaportal.sts.SessionTokenRequest;
import dev.mfaportal.sts.StsGateway;
import dev.mfaportal.sts.TemporaryCredentials;

import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One validated form, one STS call, every snippet.
 */
@Service
class IssuingService {

	private final CredentialSources sources;

	private final StsGateway sts;

	IssuingService(CredentialSources sources, StsGateway sts) {
		this.sources = sources;
		this.sts = sts;
	}

	/**
	 * @param source whose keys sign the call
	 * @param form a form that passed {@link IssueFormValidator}
	 * @return the credentials and their snippets
	 * @throws dev.mfaportal.sts.StsCallException when STS gives none
	 */
	IssuedCredentials issue(CredentialSource source, IssueForm form) {
		TemporaryCredentials credentials = this.sts.getSessionToken(this.sources.caller(source),
				new SessionTokenRequest(form.serialNumber(), form.tokenCode(), form.duration()));
		return new IssuedCredentials(credentials, Snippets.render(credentials, form.profileName()),
				Snippets.usage(form.profileName()), form.profileName(), source, form.serialNumber(), form.duration(),
				renewUrl(source, form));
	}

	private static URI renewUrl(CredentialSource source, IssueForm form) {
		return UriComponentsBuilder.fromPath("/")
			.queryParam("source", source.id())
			.queryParam("serialNumber", form.serialNumber())
			.queryParam("durationSeconds", form.durationSeconds())
			.queryParam("profileName", form.profileName())
			.encode()
			.build()
			.toUri();
	}

}
