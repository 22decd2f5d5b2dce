package dev.mfaportal.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.mfaportal.security.BrowserDefences;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * A database that can't be reached is an outage, not a bug: the page answers 503 and says
 * the storage is unavailable and to try again shortly. Sits outside every other filter,
 * so a failure in the session store or the security chain ends the same way as one in a
 * controller; and renders the error page itself, because in team mode the error dispatch
 * would need the database again (the session). Nothing is issued meanwhile: the attempt
 * limits live in the database, and issuing fails closed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

	private final ITemplateEngine templates;

	private final LocaleResolver locales;

	DatabaseUnavailableFilter(ITemplateEngine templates, LocaleResolver locales) {
		this.templates = templates;
		this.locales = locales;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | RuntimeException ex) {
			Throwable outage = outage(ex);
			if (outage == null || response.isCommitted()) {
				throw ex;
			}
			logger.warn("Database unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(),
					outage.getMessage());
			response.reset();
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			BrowserDefences.writeTo(response);
			// reset() dropped the request id too: the page and the header give the one in
			// the log line.
			String reference = RequestIdFilter.idOf(request);
			response.setHeader(RequestIdFilter.HEADER, reference);
			response.setContentType(MediaType.TEXT_HTML_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8);
			WebContext page = new WebContext(
					JakartaServletWebApplication.buildApplication(request.getServletContext())
						.buildExchange(request, response),
					this.locales.resolveLocale(request),
					Map.of("status", 503, "reason", "error.database", "reference", reference));
			this.templates.process("error", page, response.getWriter());
		}
	}

	private static Throwable outage(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
					|| cause instanceof CannotCreateTransactionException) {
				return cause;
			}
		}
		return null;
	}

}
