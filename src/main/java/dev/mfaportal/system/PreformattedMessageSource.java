package dev.mfaportal.system;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.util.ObjectUtils;

/**
 * The portal's messages, every one read as a {@link MessageFormat} (an apostrophe is
 * always written {@code ''}), with those a page shows without arguments formatted once
 * per language instead of on every page: a form page shows a few dozen of them, and
 * {@code always-use-message-format} formatted each one on every request, synchronized on
 * the shared {@code MessageFormat}. A message with arguments is formatted per call, as
 * before.
 */
class PreformattedMessageSource extends ResourceBundleMessageSource {

	/** Codes come from templates and code, a finite set; the cap only guards mistakes. */
	private static final int MAX_CACHED = 10_000;

	private static final Object[] NO_ARGUMENTS = {};

	private final Map<Locale, Map<String, Optional<String>>> formatted = new ConcurrentHashMap<>();

	@Override
	protected String getMessageInternal(String code, Object[] args, Locale locale) {
		if (code != null && ObjectUtils.isEmpty(args) && getCacheMillis() < 0) {
			String message = preformatted(code, (locale != null) ? locale : Locale.getDefault());
			if (message != null) {
				return message;
			}
		}
		// Arguments, a code no bundle has (common messages, parent, default message) or
		// bundles that reload: as Spring does it.
		return super.getMessageInternal(code, args, locale);
	}

	private String preformatted(String code, Locale locale) {
		Map<String, Optional<String>> messages = this.formatted.computeIfAbsent(locale,
				(key) -> new ConcurrentHashMap<>());
		Optional<String> message = messages.get(code);
		if (message == null) {
			message = Optional.ofNullable(format(code, locale));
			if (messages.size() < MAX_CACHED) {
				messages.put(code, message);
			}
		}
		return message.orElse(null);
	}

	private String format(String code, Locale locale) {
		MessageFormat format = resolveCode(code, locale);
		if (format == null) {
			return null;
		}
		synchronized (format) {
			return format.format(NO_ARGUMENTS);
		}
	}

}
