package dev.mfaportal.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The scraper's own credential: a bearer token that is no member's password, so it signs
 * in nowhere, goes through no sign-in throttle (a stale one locks nobody out), and grants
 * the one authority that {@code GET /actuator/prometheus} alone accepts, for the one
 * request, with no session.
 */
final class ScrapeToken extends OncePerRequestFilter {

	static final String AUTHORITY = "SCRAPE_METRICS";

	private static final String BEARER = "Bearer ";

	private static final RequestMatcher PROMETHEUS = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.GET, "/actuator/prometheus");

	/** A scrape: prometheus asked for with a bearer token. Nothing else comes here. */
	static final RequestMatcher SCRAPE = (request) -> PROMETHEUS.matches(request) && bearer(request) != null;

	private final byte[] expected;

	ScrapeToken(ScrapeSettings settings) {
		this.expected = (settings.scrapeToken() != null) ? sha256(settings.scrapeToken()) : null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = bearer(request);
		// Digests of equal length: the comparison takes as long whatever the token sent.
		if (this.expected != null && presented != null && SCRAPE.matches(request)
				&& MessageDigest.isEqual(this.expected, sha256(presented))) {
			SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("prometheus-scraper", null,
						List.of(new SimpleGrantedAuthority(AUTHORITY))));
		}
		chain.doFilter(request, response);
	}

	private static String bearer(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		return (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length()))
				? header.substring(BEARER.length()).strip() : null;
	}

	private static byte[] sha256(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
