package dev.mfaportal.security;

/**
 * The launch link was printed to the terminal: the first browser to open it, within a few
 * minutes, gets a session. Published once the server listens, in local mode only.
 *
 * @param url the link, with the launch token when the portal requires one
 */
public record LaunchLinkPrinted(String url) {

	@Override
	public String toString() {
		return "LaunchLinkPrinted[******]";
	}

}
