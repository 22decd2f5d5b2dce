package dev.mfaportal.support;

import java.util.List;

/**
 * Profile names that mean something to a shell or to an INI file; the first six pass the
 * form's check, the rest could only arrive if that check were ever loosened. The snippets
 * and the profile writer both face them.
 */
public final class HostileProfileNames {

	public static final List<String> ALL = List.of("-rf", "--debug", "a=b", "@home", "x.y,z", "+p", "$(touch pwned)",
			"'; touch pwned; '", "`touch pwned`", "a b", "\"q\"", "*", "~", "!!", "p;touch pwned", "p|touch pwned",
			"p&touch pwned", "p\ntouch pwned", "$HOME", "{a,b}", "#x", "[x]", "x]", "[x", " x", "x ", "x\r", "a#b",
			"a;b", "", "é", "profile x");

	private HostileProfileNames() {
	}

}
