package dev.mfaportal.launcher;

import jakarta.servlet.http.HttpServletRequest;

import dev.mfaportal.security.LaunchToken;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A fresh launch link for a second start of the portal by its owner, who proves it by the
 * secret of {@code portal-run} ({@link RunFile}). A GET with the secret in a header, like
 * the terminal endpoints: CSRF stays on, a web page can't send the header without a
 * preflight that gets no CORS grant, and anything a browser marks as a web page's request
 * is refused outright.
 */
@RestController
@Profile("!team")
class LaunchAgainController {

	static final String PATH = "/launch/again";

	/** The asker's proof that it knows the secret ({@link RunFile#admits}). */
	static final String SECRET_HEADER = "X-Portal-Run";

	/** The asker's nonce, which both proofs cover. */
	static final String NONCE_HEADER = "X-Portal-Nonce";

	/** This portal's proof that the answer is its own ({@link RunFile#answerProof}). */
	static final String ANSWER_PROOF_HEADER = "X-Portal-Proof";

	private final RunFile run;

	private final LaunchToken tokens;

	private final BrowserOpener opener;

	LaunchAgainController(RunFile run, LaunchToken tokens, BrowserOpener opener) {
		this.run = run;
		this.tokens = tokens;
		this.opener = opener;
	}

	/**
	 * @param open whether this portal opens the browser at the link, as the second start
	 * would have (it ends at once, so it can't keep the redirect page until the browser
	 * read it)
	 * @return the link, then the message code of what opening the browser did and its
	 * argument, one a line
	 */
	@GetMapping(path = PATH, produces = MediaType.TEXT_PLAIN_VALUE)
	ResponseEntity<String> again(@RequestHeader(name = SECRET_HEADER, required = false) String proof,
			@RequestHeader(name = NONCE_HEADER, required = false) String nonce,
			@RequestParam(defaultValue = "false") boolean open, HttpServletRequest request) {
		if (request.getHeader("Origin") != null || request.getHeader("Sec-Fetch-Site") != null) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
		}
		if (!this.run.admits(nonce, proof) || this.run.base() == null) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
		}
		String link = this.run.base().resolve("/launch?token=" + this.tokens.issue()).toString();
		StringBuilder answer = new StringBuilder(link).append('\n');
		if (open) {
			BrowserOpener.Opened opened = this.opener.openAt(link);
			answer.append(opened.messageCode()).append('\n');
			for (Object argument : opened.arguments()) {
				answer.append(argument).append('\n');
			}
		}
		return ResponseEntity.ok()
			.header("Cache-Control", "no-store")
			.header(ANSWER_PROOF_HEADER, this.run.answerProof(nonce, answer.toString()))
			.body(answer.toString());
	}

}
