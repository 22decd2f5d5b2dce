package dev.mfaportal.security;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * What every response tells the browser, and which cross-site requests are refused: one
 * place for the local chain ({@link SecurityConfig}) and the team chain
 * ({@code TeamSecurityConfig}), so the two modes can't drift apart. docs/security.md
 * explains each line.
 */
public final class BrowserDefences {

	/**
	 * No inline script or style, no plug-ins, no frames, forms only to the portal itself.
	 */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

	/**
	 * Denies every powerful feature the portal doesn't use. The copy buttons write to the
	 * clipboard (allowed for the portal itself); notifications are no Permissions-Policy
	 * feature, so they stay the browser's own question. Only features Chromium knows: an
	 * unknown one is a console error.
	 */
	public static final String PERMISSIONS_POLICY = "accelerometer=(), bluetooth=(), camera=(), display-capture=(), "
			+ "geolocation=(), gyroscope=(), hid=(), idle-detection=(), magnetometer=(), microphone=(), midi=(), "
			+ "payment=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), "
			+ "xr-spatial-tracking=(), clipboard-read=(), clipboard-write=(self)";

	/**
	 * The request attribute a refusal sets to a message key before {@code sendError}: the
	 * error page says that instead of the bare status.
	 */
	public static final String REFUSAL_REASON = "dev.mfaportal.error.reason";

	private BrowserDefences() {
	}

	/**
	 * The headers (Spring Security's defaults, nosniff and
	 * {@code Cache-Control: no-store} among them, plus CSP, referrer, permissions and
	 * HSTS, which the browser sees only over TLS) and the cross-site check in front of
	 * CSRF.
	 */
	public static HttpSecurity apply(HttpSecurity http) throws Exception {
		return http
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.permissionsPolicyHeader((permissions) -> permissions.policy(PERMISSIONS_POLICY))
				.frameOptions((frames) -> frames.deny())
				.httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)))
			.addFilterBefore(new CrossSiteRequestFilter(), CsrfFilter.class);
	}

	/**
	 * The same headers on a response written before the security chain runs: a request
	 * the firewall refused.
	 */
	public static void writeTo(HttpServletResponse response) {
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Cache-Control", "no-store");
	}

}
