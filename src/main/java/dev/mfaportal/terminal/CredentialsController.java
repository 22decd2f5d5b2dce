package dev.mfaportal.terminal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.RoleProfile;
import dev.mfaportal.snippet.Json;
import dev.mfaportal.sts.RoleCredentials;
import dev.mfaportal.sts.TemporaryCredentials;
import dev.mfaportal.terminal.HeldSession.Held;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Profile;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * For programs, not browsers ({@link TerminalSecurityConfig} admits only the terminal
 * token): the held session, or a role profile assumed from it, in the
 * container-credentials shape SDKs and the AWS CLI read from
 * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}, or with {@code ?format=process} in the
 * {@code credential_process} shape.
 */
@RestController
@Profile("!team")
class CredentialsController {

	static final String PROCESS_FORMAT = "process";

	private final HeldSession held;

	private final ServedRoles roles;

	private final CredentialSources sources;

	private final MessageSource messages;

	CredentialsController(HeldSession held, ServedRoles roles, CredentialSources sources, MessageSource messages) {
		this.held = held;
		this.roles = roles;
		this.sources = sources;
		this.messages = messages;
	}

	@GetMapping("/credentials")
	void session(@RequestParam(required = false) String format, HttpServletResponse response) throws IOException {
		answer(held().credentials(), format, response);
	}

	@GetMapping("/credentials/{profile}")
	void role(@PathVariable String profile, @RequestParam(required = false) String format, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		RoleProfile role = this.sources.roleProfiles()
			.stream()
			.filter((candidate) -> candidate.name().equals(profile))
			.findFirst()
			.orElseThrow(() -> new ServeRefused(HttpStatus.NOT_FOUND, "UnknownProfile", "terminal.error.unknownProfile",
					profile));
		answer(roleOfTheHeldSession(role, request.getRemoteAddr()).credentials(), format, response);
	}

	/**
	 * Asked again of the session held now when the one it was asked of ended while STS
	 * answered (a renewal): once, since a second renewal within one AssumeRole is not
	 * worth waiting for; after Stop, {@link #held()} answers that none is held.
	 */
	private RoleCredentials roleOfTheHeldSession(RoleProfile role, String clientAddress) {
		for (int tries = 0; tries < 2; tries++) {
			Held session = held();
			if (!session.source().id().equals(role.sourceId())) {
				throw new ServeRefused(HttpStatus.CONFLICT, "OtherSourceProfile", "terminal.error.otherSource",
						role.name(), String.valueOf(role.sourceId()).replaceFirst("^profile:", ""),
						session.source().name());
			}
			try {
				return this.roles.credentials(role, session, clientAddress);
			}
			catch (ServedRoles.SessionEnded ended) {
				// the next turn looks at what is held now
			}
		}
		throw noSessionHeld();
	}

	@ExceptionHandler(ServeRefused.class)
	void refused(ServeRefused refusal, HttpServletResponse response) throws IOException {
		write(response, refusal.status(), error(refusal.code(),
				this.messages.getMessage(refusal.messageKey(), refusal.arguments(), LocaleContextHolder.getLocale())));
	}

	private Held held() {
		return this.held.current().orElseThrow(CredentialsController::noSessionHeld);
	}

	private static ServeRefused noSessionHeld() {
		return new ServeRefused(HttpStatus.SERVICE_UNAVAILABLE, "NoSessionHeld", "terminal.error.noSession",
				portalUrl());
	}

	private static String portalUrl() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().path("/").toUriString();
	}

	/**
	 * Written to the response directly, not returned for a message converter: Spring
	 * MVC's DEBUG log prints the start of a returned body, which here is the secret.
	 */
	private static void answer(TemporaryCredentials credentials, String format, HttpServletResponse response)
			throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		String expiration = DateTimeFormatter.ISO_INSTANT.format(credentials.expiration());
		if (PROCESS_FORMAT.equals(format)) {
			body.put("Version", 1);
			body.put("AccessKeyId", credentials.accessKeyId());
			body.put("SecretAccessKey", credentials.secretAccessKey());
			body.put("SessionToken", credentials.sessionToken());
		}
		else {
			body.put("AccessKeyId", credentials.accessKeyId());
			body.put("SecretAccessKey", credentials.secretAccessKey());
			body.put("Token", credentials.sessionToken());
		}
		body.put("Expiration", expiration);
		write(response, HttpStatus.OK, Json.object(body));
	}

	/**
	 * {@code Message} for the AWS CLI, which prints the whole body; {@code message} too,
	 * the one field the SDK for Java v2 takes from an error body.
	 */
	static String error(String code, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("Code", code);
		body.put("Message", message);
		body.put("message", message);
		return Json.object(body);
	}

	static void write(HttpServletResponse response, HttpStatus status, String body) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(body);
	}

}
