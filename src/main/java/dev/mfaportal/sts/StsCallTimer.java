package dev.mfaportal.sts;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times every STS call as {@code portal.sts.calls}, tagged with the operation and how it
 * ended ({@code success} or the {@link StsFailure}, lower case). Never tagged with
 * anything the caller typed: no key, serial number, role or code.
 */
final class StsCallTimer {

	static final String METER = "portal.sts.calls";

	private final MeterRegistry registry;

	StsCallTimer(MeterRegistry registry) {
		this.registry = registry;
	}

	<T> T time(String operation, Supplier<T> call) {
		long start = System.nanoTime();
		String outcome = "error";
		try {
			T result = call.get();
			outcome = "success";
			return result;
		}
		catch (StsCallException ex) {
			outcome = ex.failure().name().toLowerCase(Locale.ROOT);
			throw ex;
		}
		finally {
			Timer.builder(METER)
				.description("Calls to STS, from the portal's side of the wire")
				.tag("operation", operation)
				.tag("outcome", outcome)
				.register(this.registry)
				.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		}
	}

}
