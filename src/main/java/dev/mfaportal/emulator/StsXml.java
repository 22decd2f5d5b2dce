package dev.mfaportal.emulator;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Builds STS's response documents by hand, escaping every value, so no XML library
 * decides the shape. IAM's documents have the same shape in IAM's namespace.
 */
final class StsXml {

	static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

	static final String IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

	/** STS writes {@code Expiration} with milliseconds, always three digits. */
	static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final StringBuilder xml = new StringBuilder();

	private final Deque<String> open = new ArrayDeque<>();

	private StsXml() {
	}

	/** {@code <ActionResponse><ActionResult>...</ActionResult><ResponseMetadata>...}. */
	static String success(String action, String requestId, Consumer<StsXml> result) {
		return success(NAMESPACE, action, requestId, result);
	}

	static String success(String namespace, String action, String requestId, Consumer<StsXml> result) {
		StsXml doc = new StsXml().root(namespace, action + "Response").open(action + "Result");
		result.accept(doc);
		return doc.close().open("ResponseMetadata").element("RequestId", requestId).close().close().xml.toString();
	}

	/**
	 * The access key id of the credentials a success document issued, or {@code null}:
	 * what the emulator records for tests to match against the portal's history.
	 */
	static String issuedAccessKeyId(String xml) {
		int credentials = xml.indexOf("<Credentials>");
		int start = (credentials < 0) ? -1 : xml.indexOf("<AccessKeyId>", credentials);
		if (start < 0) {
			return null;
		}
		start += "<AccessKeyId>".length();
		return xml.substring(start, xml.indexOf('<', start));
	}

	static String error(String namespace, StsError error, String requestId) {
		return new StsXml().root(namespace, "ErrorResponse")
			.open("Error")
			.element("Type", error.type())
			.element("Code", error.code())
			.element("Message", error.getMessage())
			.close()
			.element("RequestId", requestId)
			.close().xml.toString();
	}

	StsXml open(String name) {
		indent().append('<').append(name).append(">\n");
		this.open.push(name);
		return this;
	}

	StsXml close() {
		String name = this.open.pop();
		indent().append("</").append(name).append(">\n");
		return this;
	}

	StsXml element(String name, String value) {
		indent().append('<').append(name).append('>');
		escape(value, this.xml);
		this.xml.append("</").append(name).append(">\n");
		return this;
	}

	static String escape(String value) {
		StringBuilder out = new StringBuilder(value.length());
		escape(value, out);
		return out.toString();
	}

	private StsXml root(String namespace, String name) {
		this.xml.append('<').append(name).append(" xmlns=\"").append(namespace).append("\">\n");
		this.open.push(name);
		return this;
	}

	private StringBuilder indent() {
		return this.xml.append("  ".repeat(this.open.size()));
	}

	private static void escape(String value, StringBuilder out) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&apos;");
				// XML 1.0 cannot carry these, not even as references, and echoed input
				// may hold them
				default -> out.append((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ? '\uFFFD' : c);
			}
		}
	}

}
