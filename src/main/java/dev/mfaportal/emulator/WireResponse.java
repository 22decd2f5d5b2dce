package dev.mfaportal.emulator;

import java.util.Map;

/**
 * What goes back over the wire: status, headers and the XML body.
 */
record WireResponse(int status, Map<String, String> headers, byte[] body) {

	WireResponse {
		headers = Map.copyOf(headers);
	}

}
