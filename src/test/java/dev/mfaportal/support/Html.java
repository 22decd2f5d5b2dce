package dev.mfaportal.support;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import org.springframework.test.web.servlet.ResultMatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a page the way a browser does, with a real HTML parser: a field is found by its
 * id, so an assertion can't match another element that happens to hold the same text (the
 * duration field's {@code <datalist>} holds 3600 and 43200 too).
 */
public final class Html {

	private Html() {
	}

	public static Document parse(String html) {
		return Jsoup.parse(html);
	}

	/** The element with this id; fails the test when there is none. */
	public static Element byId(String html, String id) {
		Element element = parse(html).getElementById(id);
		assertThat(element).as("element #" + id).isNotNull();
		return element;
	}

	/**
	 * What the form sends for the field with this id: an input's value, a text area's
	 * text, a select's selected option.
	 */
	public static String valueOf(String html, String id) {
		Element field = byId(html, id);
		return switch (field.tagName()) {
			case "select" -> {
				Element selected = field.selectFirst("option[selected]");
				yield (selected != null) ? selected.val() : null;
			}
			case "textarea" -> field.text();
			default -> field.val();
		};
	}

	/** For MockMvc: the field with this id holds this value. */
	public static ResultMatcher field(String id, String value) {
		return (result) -> assertThat(valueOf(result.getResponse().getContentAsString(), id)).as("#" + id)
			.isEqualTo(value);
	}

}
