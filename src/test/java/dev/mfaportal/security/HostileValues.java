package dev.mfaportal.security;

import java.util.List;
import java.util.Random;

/**
 * A seeded generator of form and query values: some valid, most hostile (markup, quoting,
 * shell, template and SQL syntax, control and Unicode characters, sizes and numbers at
 * and beyond every limit). Markup values carry a unique marker, so a page that reflects
 * one unescaped is caught.
 */
public final class HostileValues {

	private static final List<String> SHAPES = List.of("", " ", "0", "-1", "899", "900", "3600", "129600", "129601",
			"99999999999999999999", "1e9", "NaN", "0x384", "１２３４５６", "123456", "12345", "1234567", "000000",
			"GAHT12345678", "arn:aws:iam::123456789012:mfa/alice", "arn:aws:iam::123456789012:role/Admin", "mfa",
			"default", "../../etc/passwd", "%00", "\u0000", "\r\nSet-Cookie: stolen=1", "' OR '1'='1' --", "$(id)",
			"`id`", "; rm -rf ~", "\"; touch /tmp/x; \"", "${T(java.lang.Runtime).getRuntime()}", "__${7*7}__::.x",
			"#{7*7}", "{{7*7}}", "*{7*7}", "\u202Egnp.exe", "\u200B", "😀🔑", "é", "true", "on", "null", "key:1", "env",
			"once", "profile:default");

	private final Random random;

	private int markers;

	public HostileValues(long seed) {
		this.random = new Random(seed);
	}

	/** A value for one field: a tenth valid, the rest hostile. */
	public String next(String valid) {
		int pick = this.random.nextInt(10);
		if (pick == 0 && valid != null) {
			return valid;
		}
		if (pick <= 2) {
			return markup();
		}
		if (pick == 3) {
			return "x".repeat(1 + this.random.nextInt(3000));
		}
		if (pick == 4) {
			return SHAPES.get(this.random.nextInt(SHAPES.size())) + SHAPES.get(this.random.nextInt(SHAPES.size()));
		}
		return SHAPES.get(this.random.nextInt(SHAPES.size()));
	}

	/** Markup that would run or break out of an attribute if a page echoed it raw. */
	String markup() {
		String marker = "fuzz" + (++this.markers) + "x";
		return switch (this.random.nextInt(5)) {
			case 0 -> "<script>" + marker + "</script>";
			case 1 -> "\"><img src=x onerror=" + marker + ">";
			case 2 -> "' onmouseover='" + marker;
			case 3 -> "javascript:" + marker + "//<b>";
			default -> "</textarea><svg onload=" + marker + ">";
		};
	}

	int nextInt(int bound) {
		return this.random.nextInt(bound);
	}

	/** Whether a page that contains this value verbatim has failed to escape it. */
	static boolean dangerousIfReflected(String value) {
		return value.contains("fuzz") && (value.contains("<") || value.contains("\"") || value.contains("'"));
	}

}
