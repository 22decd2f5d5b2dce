package dev.mfaportal.security;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request that changes something when the browser says another site sent it: a
 * foreign {@code Origin}, or {@code Sec-Fetch-Site} other than {@code same-origin} or
 * {@code none} (typed by the person). A second wall behind CSRF tokens and SameSite
 * cookies. Requests without either header (curl, scripts, old browsers) pass on to the
 * CSRF check as before.
 */
class CrossSiteRequestFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(CrossSiteRequestFilter.class);

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!SAFE_METHODS.contains(request.getMethod()) && crossSite(request)) {
			logger.info("Refused a cross-site {} {} (Origin {}, Sec-Fetch-Site {})", request.getMethod(),
					request.getRequestURI(), request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"));
			request.setAttribute(BrowserDefences.REFUSAL_REASON, "security.crossSite");
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * A browser that sends {@code Sec-Fetch-Site} has said where the request came from,
	 * and that header can't be forged by a page; it alone decides. Such a browser may
	 * send {@code Origin: null} for the portal's own forms, because the portal's
	 * {@code Referrer-Policy: no-referrer} hides the origin too (Chromium does). Only an
	 * older browser without it is judged by {@code Origin}, and {@code Origin: null} from
	 * such a browser is its answer to that same policy (Safari before 16.4), so it is
	 * left to the CSRF token rather than refused.
	 */
	private static boolean crossSite(HttpServletRequest request) {
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null) {
			return !OWN_SITE.contains(site.trim().toLowerCase(Locale.ROOT));
		}
		String origin = request.getHeader("Origin");
		return origin != null && !"null".equals(origin.trim()) && !sameOrigin(origin, request);
	}

	private static boolean sameOrigin(String origin, HttpServletRequest request) {
		URI uri;
		try {
			uri = URI.create(origin.trim());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (uri.getScheme() == null || uri.getHost() == null) {
			return false;
		}
		if (!uri.getHost().equalsIgnoreCase(request.getServerName())) {
			return false;
		}
		// Same scheme: the port must match too (another service on localhost is another
		// origin).
		// A scheme that differs means a TLS-terminating proxy that didn't say so in
		// X-Forwarded-*;
		// the host name alone decides then.
		return !uri.getScheme().equalsIgnoreCase(request.getScheme())
				|| port(uri.getPort(), uri.getScheme()) == port(request.getServerPort(), request.getScheme());
	}

	private static int port(int port, String scheme) {
		if (port > 0) {
			return port;
		}
		return "https".equalsIgnoreCase(scheme) ? 443 : 80;
	}

}
