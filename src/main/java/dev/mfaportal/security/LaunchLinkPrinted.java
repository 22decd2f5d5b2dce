package dev.mfaportal.security;

/**
 * The launch link was printed to the terminal: whoever opens it gets this run's key.
 * Published once the server listens, in local mode only.
 *
 * @param url the link, with the launch token when the portal requires one
 */
public record LaunchLinkPrinted(String url) {

	@Override
	public String toString() {
		return "LaunchLinkPrinted[******]";
	}

}
