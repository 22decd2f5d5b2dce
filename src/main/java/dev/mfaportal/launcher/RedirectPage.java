package dev.mfaportal.launcher;

import org.springframework.web.util.HtmlUtils;

/**
 * The page the browser is opened at instead of the link: a meta refresh to the link (no
 * script, which the portal's content policy refuses everywhere) and the link itself, for
 * a browser that doesn't follow the refresh.
 */
final class RedirectPage {

	private RedirectPage() {
	}

	static String html(String url, String text) {
		String link = HtmlUtils.htmlEscape(url);
		return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">" + "<meta http-equiv=\"refresh\" content=\"0;url="
				+ link + "\"><meta name=\"referrer\" content=\"no-referrer\"><title>MFA Portal</title></head>\n"
				+ "<body><p><a href=\"" + link + "\">" + HtmlUtils.htmlEscape(text) + "</a></p></body></html>\n";
	}

}
