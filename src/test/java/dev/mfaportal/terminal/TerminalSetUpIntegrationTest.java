package dev.mfaportal.terminal;

import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Set up a terminal" on the result page and the form: open by itself while no terminal
 * has fetched with the current token, folded once one has, open again after "New token";
 * and always after the countdown on the result page, which comes first.
 */
class TerminalSetUpIntegrationTest extends ServedPortal {

	@Test
	void setUpWhenNoTerminalFetchedSinceTheTokenThenOpenOnceOneFetchedThenFoldedUntilANewToken() throws Exception {
		this.terminalToken.renew();
		Document result = issue(user("h22set"), true);
		assertThat(setUp(result).hasAttr("open")).as("result, nothing fetched").isTrue();
		assertThat(setUp(form()).hasAttr("open")).as("form, nothing fetched").isTrue();

		assertThat(program("/credentials", "not-the-token").statusCode()).isEqualTo(401);
		assertThat(setUp(form()).hasAttr("open")).as("form, only a refused program").isTrue();

		assertThat(program("/credentials", token()).statusCode()).isEqualTo(200);
		Document folded = form();
		assertThat(setUp(folded).hasAttr("open")).as("form, a terminal fetched").isFalse();
		assertThat(setUp(folded).selectFirst("[data-terminal-lines=bash] code").wholeText())
			.as("the lines are still on the page, folded")
			.contains("AWS_CONTAINER_CREDENTIALS_FULL_URI='http://127.0.0.1:" + this.port + "/credentials'");

		this.browser.post("/terminal/token",
				Map.of("_csrf", folded.selectFirst("[data-new-token-form] input[name=_csrf]").attr("value")), false);
		assertThat(setUp(form()).hasAttr("open")).as("form, a new token").isTrue();
	}

	@Test
	void resultWhenServedThenWhatHappenedAndTheCountdownComeBeforeTheSetUp() throws Exception {
		Document result = issue(user("h22set"), true);

		Element page = result.selectFirst("[data-result]");
		int setUp = position(page, "[data-terminal-setup]");
		assertThat(position(page, "[data-served-session]")).isLessThan(position(page, "[data-expiry]"));
		assertThat(position(page, "[data-expiry]")).isLessThan(setUp);
		assertThat(position(page, "[data-stop-serving-form]")).isLessThan(setUp);
		assertThat(setUp).isLessThan(position(page, "[data-primary-snippets]"));
		assertThat(result.selectFirst("[data-terminal-setup] > summary").text()).isEqualTo("Set up a terminal");
	}

	private Document form() throws Exception {
		return Jsoup.parse(this.browser.get("/").body());
	}

	private static Element setUp(Document page) {
		Element setUp = page.selectFirst("details[data-terminal-setup]");
		assertThat(setUp).as(page.title()).isNotNull();
		return setUp;
	}

	/** Where an element starts in document order. */
	private static int position(Element page, String css) {
		Element element = page.selectFirst(css);
		assertThat(element).as(css).isNotNull();
		return page.getAllElements().indexOf(element);
	}

}
