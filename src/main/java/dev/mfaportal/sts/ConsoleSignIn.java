package dev.mfaportal.sts;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A link that opens the AWS console as an assumed role: the federation endpoint trades
 * the role's credentials for a sign-in token (valid 15 minutes), which goes into a login
 * URL. AWS allows this only for role (or federation) credentials, never for
 * GetSessionToken's.
 */
@Component
public class ConsoleSignIn {

	private static final Logger logger = LoggerFactory.getLogger(ConsoleSignIn.class);

	private static final Pattern TOKEN = Pattern.compile("\"SigninToken\"\\s*:\\s*\"([^\"]+)\"");

	private final ConsoleSettings settings;

	private final HttpClient http;

	ConsoleSignIn(ConsoleSettings settings) {
		this.settings = settings;
		this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
	}

	/**
	 * @param role the assumed role's credentials
	 * @return the console login URL, or empty when the endpoint gave no token
	 */
	public Optional<URI> linkFor(TemporaryCredentials role) {
		String session = "{\"sessionId\":\"" + role.accessKeyId() + "\",\"sessionKey\":\"" + role.secretAccessKey()
				+ "\",\"sessionToken\":\"" + role.sessionToken() + "\"}";
		URI tokenRequest = URI
			.create(this.settings.federationEndpoint() + "?Action=getSigninToken&Session=" + encode(session));
		try {
			HttpResponse<String> answer = this.http.send(
					HttpRequest.newBuilder(tokenRequest).timeout(this.settings.timeout()).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			Matcher token = TOKEN.matcher(answer.body());
			if (answer.statusCode() != 200 || !token.find()) {
				logger.info("The federation endpoint gave no sign-in token (HTTP {})", answer.statusCode());
				return Optional.empty();
			}
			return Optional.of(URI.create(this.settings.federationEndpoint() + "?Action=login&Issuer="
					+ encode("MFA Portal") + "&Destination=" + encode(this.settings.destination().toString())
					+ "&SigninToken=" + encode(token.group(1))));
		}
		catch (IOException ex) {
			logger.info("The federation endpoint could not be reached: {}", ex.getClass().getSimpleName());
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
