package dev.mfaportal.account;

import java.io.Serial;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserSource;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Optional single sign-on with OpenID Connect, on when
 * {@code spring.security.oauth2.client.*} names at least one registration. The provider
 * vouches for an email address; the member who has it signs in under their own name and
 * roles, so nothing else in the portal can tell how they signed in. Refused: an email the
 * provider hasn't verified, one no member (or several) has, a disabled member, and plain
 * OAuth 2 registrations, whose user names could pass for a member's.
 */
@Component
@Profile("team")
class SingleSignOn {

	private static final String REFUSED_URL = "/login?sso";

	private static final Logger logger = LoggerFactory.getLogger(SingleSignOn.class);

	private final ObjectProvider<ClientRegistrationRepository> registrations;

	private final UserRepository users;

	private final SignIns signIns;

	SingleSignOn(ObjectProvider<ClientRegistrationRepository> registrations, UserRepository users, SignIns signIns) {
		this.registrations = registrations;
		this.users = users;
		this.signIns = signIns;
	}

	/**
	 * Adds sign-in through the configured providers to the team's chain; nothing when
	 * none is.
	 */
	void configure(HttpSecurity http) {
		if (this.registrations.getIfAvailable() == null) {
			return;
		}
		OidcUserService openIdConnect = new OidcUserService();
		openIdConnect.setOidcUserConverter(this::member);
		http.oauth2Login((login) -> login.loginPage("/login")
			.userInfoEndpoint((userInfo) -> userInfo.oidcUserService(openIdConnect).userService(this::notOpenIdConnect))
			.successHandler(this.signIns.succeeded(new SavedRequestAwareAuthenticationSuccessHandler()))
			.failureHandler(refusals()));
	}

	/** The providers the sign-in page offers, in the order they are configured. */
	List<Provider> providers() {
		List<Provider> providers = new ArrayList<>();
		if (this.registrations.getIfAvailable() instanceof Iterable<?> configured) {
			for (Object registration : configured) {
				if (registration instanceof ClientRegistration client
						&& AuthorizationGrantType.AUTHORIZATION_CODE.equals(client.getAuthorizationGrantType())) {
					providers.add(new Provider(client.getRegistrationId(), client.getClientName()));
				}
			}
		}
		return providers;
	}

	/** Whether a member signed in through single sign-on rather than with a password. */
	static boolean isSingleSignOn(Authentication authentication) {
		return authentication.getPrincipal() instanceof SignedInMember;
	}

	private OidcUser member(OidcUserSource source) {
		OidcIdToken idToken = source.getUserRequest().getIdToken();
		OidcUserInfo userInfo = source.getUserInfo();
		Map<String, Object> claims = new HashMap<>();
		if (userInfo != null) {
			claims.putAll(userInfo.getClaims());
		}
		claims.putAll(idToken.getClaims());
		String email = (claims.get(StandardClaimNames.EMAIL) instanceof String value) ? value : null;
		if (!StringUtils.hasText(email) || !Boolean.TRUE.equals(claims.get(StandardClaimNames.EMAIL_VERIFIED))) {
			throw refused(Refusal.EMAIL_NOT_VERIFIED, idToken.getSubject());
		}
		Optional<PortalUser> found;
		try {
			found = this.users.findByEmail(email);
		}
		catch (IncorrectResultSizeDataAccessException several) {
			throw refused(Refusal.SEVERAL_MEMBERS, email);
		}
		PortalUser member = found.orElseThrow(() -> refused(Refusal.NO_SUCH_MEMBER, email));
		if (!member.enabled()) {
			throw refused(Refusal.MEMBER_DISABLED, email);
		}
		logger.info("{} signed in through single sign-on ({})", member.username(),
				source.getUserRequest().getClientRegistration().getRegistrationId());
		return new SignedInMember(member, idToken, userInfo);
	}

	private OAuth2User notOpenIdConnect(OAuth2UserRequest request) {
		throw new OAuth2AuthenticationException(new OAuth2Error("openid_connect_required",
				"registration " + request.getClientRegistration().getRegistrationId() + " lacks the openid scope",
				null));
	}

	private static OAuth2AuthenticationException refused(Refusal refusal, String who) {
		logger.info("Single sign-on refused {}: {}", who, refusal.code);
		return new OAuth2AuthenticationException(new OAuth2Error(refusal.code));
	}

	/**
	 * A refusal to its reason on the sign-in page; any other failure (the provider's
	 * error, a bad token, a wrong secret) to a general message, and to the log for
	 * whoever set the provider up.
	 */
	private AuthenticationFailureHandler refusals() {
		return (request, response, exception) -> {
			this.signIns.failed(null, request.getRemoteAddr());
			OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError() : null;
			Optional<Refusal> refusal = (error != null) ? Refusal.of(error.getErrorCode()) : Optional.empty();
			if (refusal.isEmpty()) {
				logger.warn("Single sign-on failed: {}", (error != null) ? error : exception.getMessage());
			}
			response.sendRedirect(
					request.getContextPath() + REFUSED_URL + refusal.map((known) -> "=" + known.code).orElse(""));
		};
	}

	/** A sign-in link on the sign-in page. */
	record Provider(String registrationId, String clientName) {

	}

	/**
	 * Why a provider's user isn't let in, as the error code and the sign-in page's
	 * message.
	 */
	enum Refusal {

		EMAIL_NOT_VERIFIED("email_not_verified", "login.sso.unverified"),
		NO_SUCH_MEMBER("no_such_member", "login.sso.unknown"),
		SEVERAL_MEMBERS("several_members", "login.sso.ambiguous"), MEMBER_DISABLED("member_disabled", "login.disabled");

		final String code;

		final String messageKey;

		Refusal(String code, String messageKey) {
			this.code = code;
			this.messageKey = messageKey;
		}

		static Optional<Refusal> of(String code) {
			for (Refusal refusal : values()) {
				if (refusal.code.equals(code)) {
					return Optional.of(refusal);
				}
			}
			return Optional.empty();
		}

		/**
		 * The sign-in page's message for a refusal code; a general one for any other
		 * failure.
		 */
		static String messageKey(String code) {
			return of(code).map((refusal) -> refusal.messageKey).orElse("login.sso.failed");
		}

	}

	/**
	 * The provider's user as the member they are: named by the member's username (what
	 * {@code Actor}, the session filter and the session store go by) with the member's
	 * roles. Kept in the shared session store, hence serializable.
	 */
	static final class SignedInMember extends DefaultOidcUser implements PasswordStamp {

		// Unchanged although a field was added: a session stored before it still loads,
		// as of version 0, the version of every password set before the count began.
		@Serial
		private static final long serialVersionUID = 1L;

		private final String username;

		private final long passwordVersion;

		SignedInMember(PortalUser member, OidcIdToken idToken, OidcUserInfo userInfo) {
			super(MemberDetailsService.authorities(member), idToken, userInfo);
			this.username = member.username();
			this.passwordVersion = member.passwordVersion();
		}

		@Override
		public long passwordVersion() {
			return this.passwordVersion;
		}

		@Override
		public String getName() {
			return this.username;
		}

	}

}
