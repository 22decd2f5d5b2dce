package dev.mfaportal.system;

import java.util.Map;

import dev.mfaportal.security.BrowserDefences;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;

/**
 * Gives every error page a reference: the request's id ({@link RequestIdFilter}), which
 * the log lines of that request carry too. A server error is logged with its stack trace
 * under it, so a person can report it and an operator can find it. Also the reason a
 * filter gave for a refusal (a message key), so the page can say more than the status.
 */
@Component
class ReferencedErrorAttributes extends DefaultErrorAttributes {

	private static final Logger logger = LoggerFactory.getLogger(ReferencedErrorAttributes.class);

	private static final String LOGGED = ReferencedErrorAttributes.class.getName() + ".logged";

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
		HttpServletRequest servletRequest = (request instanceof NativeWebRequest nativeRequest)
				? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
		String reference = (servletRequest != null) ? RequestIdFilter.idOf(servletRequest) : RequestIdFilter.newId();
		attributes.put("reference", reference);
		Object status = attributes.get("status");
		if (request.getAttribute(BrowserDefences.REFUSAL_REASON, WebRequest.SCOPE_REQUEST) instanceof String reason) {
			attributes.put("reason", reason);
		}
		if (status instanceof Integer code && code >= 500
				&& request.getAttribute(LOGGED, WebRequest.SCOPE_REQUEST) == null) {
			request.setAttribute(LOGGED, Boolean.TRUE, WebRequest.SCOPE_REQUEST);
			logger.error("Unexpected error, reference {} ({} {})", reference, code, attributes.get("path"),
					getError(request));
		}
		return attributes;
	}

}
