package dev.mfaportal.events;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The first bytes of a receiver's answer, as text: once {@code max} bytes are in, the
 * rest is not read (the exchange is cancelled), so an answer of any size costs at most
 * that much memory. A character cut in two at the end becomes U+FFFD.
 */
final class CappedBody implements HttpResponse.BodySubscriber<String> {

	private final int max;

	private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

	private final CompletableFuture<String> text = new CompletableFuture<>();

	private Flow.Subscription subscription;

	CappedBody(int max) {
		this.max = max;
	}

	@Override
	public CompletionStage<String> getBody() {
		return this.text;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(List<ByteBuffer> buffers) {
		for (ByteBuffer buffer : buffers) {
			int room = this.max - this.kept.size();
			int taken = Math.min(room, buffer.remaining());
			byte[] bytes = new byte[taken];
			buffer.get(bytes);
			this.kept.write(bytes, 0, taken);
		}
		if (this.kept.size() >= this.max && !this.text.isDone()) {
			this.text.complete(this.kept.toString(StandardCharsets.UTF_8));
			this.subscription.cancel();
		}
	}

	@Override
	public void onError(Throwable failure) {
		this.text.completeExceptionally(failure);
	}

	@Override
	public void onComplete() {
		this.text.complete(this.kept.toString(StandardCharsets.UTF_8));
	}

}
