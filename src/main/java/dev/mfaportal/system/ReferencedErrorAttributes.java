package dev.mfaportal.system;

import java.security.SecureRandom;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Gives every server error a short reference that the error page shows and the log records
 * with the stack trace, so a person can report it and an operator can find it; and the reason a
 * filter gave for a refusal (a message key), so the page can say more than the status.
 */
@Component
class ReferencedErrorAttributes extends DefaultErrorAttributes {

	private static final Logger logger = LoggerFactory.getLogger(ReferencedErrorAttributes.class);

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private static final String REFERENCE = ReferencedErrorAttributes.class.getName() + ".reference";

	/** A request attribute holding the message key that says why a request was refused. */
	static final String REASON = "dev.mfaportal.error.reason";

	private final SecureRandom random = new SecureRandom();

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
		Object status = attributes.get("status");
		if (request.getAttribute(REASON, WebRequest.SCOPE_REQUEST) instanceof String reason) {
			attributes.put("reason", reason);
		}
		if (status instanceof Integer code && code >= 500) {
			Object reference = request.getAttribute(REFERENCE, WebRequest.SCOPE_REQUEST);
			if (reference == null) {
				reference = newReference();
				request.setAttribute(REFERENCE, reference, WebRequest.SCOPE_REQUEST);
				logger.error("Unexpected error, reference {} ({} {})", reference, code, attributes.get("path"),
						getError(request));
			}
			attributes.put("reference", reference);
		}
		return attributes;
	}

	private String newReference() {
		StringBuilder reference = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			reference.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return reference.toString();
	}

}
