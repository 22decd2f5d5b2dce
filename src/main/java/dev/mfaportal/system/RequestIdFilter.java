package dev.mfaportal.system;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the proxy's {@code X-Request-Id} when it is a plain token,
 * else a new one. The id is in every log line written for the request (MDC
 * {@code requestId}), in the response's {@code X-Request-Id} header, and on the error
 * page as its reference, so a person's report, the proxy's access log and the portal's
 * log meet. Runs before security, so refused requests have one too, and again on the
 * error dispatch, which logs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Request-Id";

	static final String MDC_KEY = "requestId";

	static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

	/**
	 * Letters, digits and {@code . _ -}: nothing that could forge a log line or a header.
	 */
	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private static final SecureRandom random = new SecureRandom();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = idOf(request);
		response.setHeader(HEADER, id);
		MDC.put(MDC_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	/** The request's id, made (and kept on the request) on first use. */
	static String idOf(HttpServletRequest request) {
		Object known = request.getAttribute(ATTRIBUTE);
		if (known instanceof String id) {
			return id;
		}
		String incoming = request.getHeader(HEADER);
		String id = (incoming != null && SAFE.matcher(incoming).matches()) ? incoming : newId();
		request.setAttribute(ATTRIBUTE, id);
		return id;
	}

	/**
	 * Eight characters that read aloud without confusion (no 0/O, 1/I). One draw from the
	 * shared generator per request, not one per character: it is synchronized, and every
	 * page asks for an id.
	 */
	static String newId() {
		byte[] bytes = new byte[8];
		random.nextBytes(bytes);
		char[] id = new char[8];
		for (int i = 0; i < 8; i++) {
			// 32 letters: the low five bits pick one, each as likely as the others
			id[i] = ALPHABET.charAt(bytes[i] & 31);
		}
		return new String(id);
	}

}
