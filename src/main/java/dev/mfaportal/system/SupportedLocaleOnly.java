package dev.mfaportal.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Lets {@code ?lang=} switch only to a language the portal speaks, so a made-up value
 * can't stick in the cookie and leave pages half translated.
 */
class SupportedLocaleOnly implements HandlerInterceptor {

	private final LocaleChangeInterceptor delegate;

	SupportedLocaleOnly(LocaleChangeInterceptor delegate) {
		this.delegate = delegate;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		String requested = request.getParameter(this.delegate.getParamName());
		boolean supported = requested != null && LanguageConfiguration.SUPPORTED.stream()
			.anyMatch((locale) -> locale.getLanguage().equals(requested));
		return !supported || this.delegate.preHandle(request, response, handler);
	}

}
