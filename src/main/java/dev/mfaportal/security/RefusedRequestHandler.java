package dev.mfaportal.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers a request the firewall refused (a foreign {@code Host}, a malformed path) with
 * a 400 and one plain sentence, before any page or session is involved.
 */
class RefusedRequestHandler implements RequestRejectedHandler {

	private static final Logger logger = LoggerFactory.getLogger(RefusedRequestHandler.class);

	private final MessageSource messages;

	RefusedRequestHandler(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		logger.info("Refused a request: {}", rejected.getMessage());
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		BrowserDefences.writeTo(response);
		response.setContentType(MediaType.TEXT_PLAIN_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		response.getWriter()
			.println(this.messages.getMessage("security.refused", null, "Request refused.", request.getLocale()));
	}

}
