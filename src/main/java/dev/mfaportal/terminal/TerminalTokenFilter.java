package dev.mfaportal.terminal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits a request to {@code /credentials…} only with the terminal token in
 * {@code Authorization}. A browser never gets through: it can't read the token file, and
 * whatever it sends from a page ({@code Origin}, {@code Sec-Fetch-*}, a CORS preflight)
 * is refused before the token is even looked at.
 */
class TerminalTokenFilter extends OncePerRequestFilter {

	private final TerminalToken token;

	private final MessageSource messages;

	TerminalTokenFilter(TerminalToken token, MessageSource messages) {
		this.token = token;
		this.messages = messages;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (fromBrowser(request)) {
			refuse(response, HttpStatus.FORBIDDEN, "BrowserRefused", "terminal.error.browser");
			return;
		}
		if (!this.token.admits(request.getHeader("Authorization"))) {
			refuse(response, HttpStatus.UNAUTHORIZED, "InvalidToken", "terminal.error.token");
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean fromBrowser(HttpServletRequest request) {
		return request.getHeader("Origin") != null || request.getHeader("Sec-Fetch-Site") != null
				|| request.getHeader("Sec-Fetch-Mode") != null || "OPTIONS".equals(request.getMethod());
	}

	private void refuse(HttpServletResponse response, HttpStatus status, String code, String key) throws IOException {
		String message = this.messages.getMessage(key, new Object[] { this.token.file().toString() },
				LocaleContextHolder.getLocale());
		CredentialsController.write(response, status, CredentialsController.error(code, message));
	}

}
