package dev.mfaportal.sts;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that records the URL of each request and answers it with one fixed
 * document, as the service would, without a connection: where a client sends a call, and
 * no request leaves the machine.
 */
final class RecordingHttpClient implements SdkHttpClient {

	private final String answer;

	private final List<URI> contacted = new CopyOnWriteArrayList<>();

	RecordingHttpClient(String answer) {
		this.answer = answer;
	}

	/** The URLs called, in their order. */
	List<URI> contacted() {
		return this.contacted;
	}

	@Override
	public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
		return new ExecutableHttpRequest() {

			@Override
			public HttpExecuteResponse call() {
				RecordingHttpClient.this.contacted.add(request.httpRequest().getUri());
				return HttpExecuteResponse.builder()
					.response(SdkHttpResponse.builder().statusCode(200).build())
					.responseBody(AbortableInputStream.create(
							new ByteArrayInputStream(RecordingHttpClient.this.answer.getBytes(StandardCharsets.UTF_8))))
					.build();
			}

			@Override
			public void abort() {
			}
		};
	}

	@Override
	public void close() {
	}

}
