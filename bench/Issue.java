import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.emulator.Totp;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Drives issuing the way a browser does (launch link, session cookie, CSRF token, form POST, the
 * whole result page read) and the alternatives, each with a fresh MFA code of its own device.
 * <ul>
 * <li>{@code overhead DIR LAUNCH_URL ENDPOINT WARMUP N}: portal issue and the same GetSessionToken
 * made directly with the SDK, interleaved, N of each after WARMUP of each (benchmark 3);
 * <li>{@code cli DIR LAUNCH_URL ENDPOINT N AWS_CLI}: portal issue and {@code aws sts get-session-token},
 * interleaved, N of each after 2 of each (benchmark 4);
 * <li>{@code slow DIR LAUNCH_URL N}: N portal issues at once (benchmark 6);
 * <li>{@code receiver PORT SECRET}: a webhook receiver on 127.0.0.1:PORT that checks every post's
 * signature and that the body's id is the header's, and counts the distinct events (bench/events.sh);
 * {@code POST /hold} makes it hold every post until {@code POST /release}, {@code GET /count} answers
 * "distinct posts bad";
 * <li>{@code events DIR OFF_URL ON_URL RECEIVER K WARMUP N ROUNDS} (bench/events.sh), ROUNDS times:
 * with the receiver holding, K refused forms (each a history row, so an event, without STS) to the
 * portal with events on, then the receiver released: how fast the outbox delivers the K; then
 * issues on the portal with events off and the one with events on, interleaved (ABBA), N of each
 * after WARMUP of each. One markdown row per round, with the load average at its start.
 * </ul>
 * Prints {@code key=value} lines; raw milliseconds go to DIR/*.ms.
 */
class Issue {

	public static void main(String[] args) throws Exception {
		if (args[0].equals("receiver")) {
			Receiver.run(Integer.parseInt(args[1]), args[2]);
			return;
		}
		Path dir = Path.of(args[1]);
		Codes codes = new Codes(dir.resolve("users.tsv"), !"slow".equals(args[0]));
		Portal portal = new Portal(args[2]);
		switch (args[0]) {
			case "overhead" -> overhead(dir, codes, portal, args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
			case "cli" -> cli(dir, codes, portal, args[3], Integer.parseInt(args[4]), args[5]);
			case "slow" -> slow(dir, codes, portal, Integer.parseInt(args[3]));
			case "events" -> events(dir, codes, portal, new Portal(args[3]), URI.create(args[4]),
					Integer.parseInt(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]),
					Integer.parseInt(args[8]));
			default -> throw new IllegalArgumentException(args[0]);
		}
		codes.save();
	}

	static void overhead(Path dir, Codes codes, Portal portal, String endpoint, int warmup, int n) throws Exception {
		try (StsClient sdk = StsClient.builder()
			.httpClient(UrlConnectionHttpClient.create())
			.region(Region.US_EAST_1)
			.endpointOverride(URI.create(endpoint))
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.build()) {
			// one portal issue per profile first: the portal builds an SDK client per profile on first use
			for (int i = 0; i < Math.max(warmup, codes.users.size()); i++) {
				portal.issue(codes.take());
			}
			for (int i = 0; i < warmup; i++) {
				direct(sdk, codes.take());
			}
			List<Double> viaPortal = new ArrayList<>();
			List<Double> viaSdk = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				viaPortal.add(portal.issue(codes.take()));
				viaSdk.add(direct(sdk, codes.take()));
			}
			report(dir, "portal", viaPortal);
			report(dir, "sdk", viaSdk);
			report(dir, "parse", parses(dir, n));
		}
	}

	/**
	 * The portal reads the signing profile's secret from the AWS files at each issue, as the SDK
	 * parses them: with this benchmark's hundreds of profiles that costs more than with a
	 * person's few, so it is measured on its own (JIT-warm) to be told apart from the overhead.
	 */
	static List<Double> parses(Path dir, int n) {
		List<Double> ms = new ArrayList<>();
		for (int i = -n; i < n; i++) {
			long start = System.nanoTime();
			ProfileFile.aggregator()
				.addFile(ProfileFile.builder().content(dir.resolve("credentials")).type(ProfileFile.Type.CREDENTIALS).build())
				.addFile(ProfileFile.builder().content(dir.resolve("config")).type(ProfileFile.Type.CONFIGURATION).build())
				.build()
				.profile("bench001")
				.orElseThrow();
			if (i >= 0) {
				ms.add((System.nanoTime() - start) / 1e6);
			}
		}
		return ms;
	}

	static double direct(StsClient sdk, Code code) {
		long start = System.nanoTime();
		String key = sdk
			.getSessionToken((request) -> request.serialNumber(code.user.serial)
				.tokenCode(code.value)
				.durationSeconds(900)
				.overrideConfiguration((call) -> call.credentialsProvider(StaticCredentialsProvider
					.create(AwsBasicCredentials.create(code.user.accessKeyId, code.user.secret)))))
			.credentials()
			.accessKeyId();
		double ms = (System.nanoTime() - start) / 1e6;
		check(key.startsWith("ASIA"), "SDK call gave no session key");
		return ms;
	}

	static void cli(Path dir, Codes codes, Portal portal, String endpoint, int n, String aws) throws Exception {
		List<Double> viaPortal = new ArrayList<>();
		List<Double> viaCli = new ArrayList<>();
		for (int i = -2; i < n; i++) {
			double p = portal.issue(codes.take());
			double c = awsCli(dir, codes.take(), endpoint, aws);
			if (i >= 0) {
				viaPortal.add(p);
				viaCli.add(c);
			}
		}
		report(dir, "portal", viaPortal);
		report(dir, "cli", viaCli);
	}

	static double awsCli(Path dir, Code code, String endpoint, String aws) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(aws, "sts", "get-session-token", "--profile", code.user.name,
				"--serial-number", code.user.serial, "--token-code", code.value, "--duration-seconds", "900",
				"--endpoint-url", endpoint, "--output", "json");
		Map<String, String> env = builder.environment();
		env.keySet().removeIf((name) -> name.toUpperCase(Locale.ROOT).startsWith("AWS_"));
		env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("credentials").toAbsolutePath().toString());
		env.put("AWS_CONFIG_FILE", dir.resolve("config").toAbsolutePath().toString());
		env.put("AWS_PAGER", "");
		env.put("AWS_EC2_METADATA_DISABLED", "true");
		builder.redirectError(ProcessBuilder.Redirect.INHERIT);
		long start = System.nanoTime();
		Process process = builder.start();
		process.getOutputStream().close();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int exit = process.waitFor();
		double ms = (System.nanoTime() - start) / 1e6;
		check(exit == 0 && out.contains("\"ASIA"), "AWS CLI failed: exit " + exit);
		return ms;
	}

	static void slow(Path dir, Codes codes, Portal portal, int n) throws Exception {
		List<Code> typed = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			typed.add(codes.take());
		}
		ExecutorService pool = Executors.newFixedThreadPool(n);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<Double>> results = new ArrayList<>();
		for (Code code : typed) {
			results.add(pool.submit(() -> {
				go.await();
				return portal.issue(code);
			}));
		}
		System.out.println("firing");
		System.out.flush();
		long start = System.nanoTime();
		go.countDown();
		List<Double> ms = new ArrayList<>();
		int failed = 0;
		for (Future<Double> result : results) {
			try {
				ms.add(result.get());
			}
			catch (Exception ex) {
				failed++;
				System.err.println(ex.getCause());
			}
		}
		pool.shutdown();
		System.out.printf(Locale.ROOT, "slow_all_done_ms=%.0f%nslow_failed=%d%n", (System.nanoTime() - start) / 1e6,
				failed);
		report(dir, "slow", ms);
	}

	/** Events off and on, the same issue, alternating which goes first (ABBA) so neither is always second. */
	static void pair(Path dir, Codes codes, Portal off, Portal on, int warmup, int n) throws Exception {
		for (int i = 0; i < Math.max(warmup, codes.users.size()); i++) {
			off.issue(codes.take());
			on.issue(codes.take());
		}
		List<Double> offMs = new ArrayList<>();
		List<Double> onMs = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			if (i % 2 == 0) {
				offMs.add(off.issue(codes.take()));
				onMs.add(on.issue(codes.take()));
			}
			else {
				onMs.add(on.issue(codes.take()));
				offMs.add(off.issue(codes.take()));
			}
		}
		write(dir.resolve("events_off.ms"), offMs);
		write(dir.resolve("events_on.ms"), onMs);
	}

	static void events(Path dir, Codes codes, Portal off, Portal on, URI receiver, int k, int warmup, int n,
			int rounds) throws Exception {
		for (int r = 1; r <= rounds; r++) {
			String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
			double[] drained = drain(on, receiver, k);
			// the same requests to the portal with events off, so neither is the JIT-warmer one
			refuseAll(off, k);
			pair(dir, codes, off, on, (r == 1) ? warmup : 0, n);
			double offMedian = median(Files.readAllLines(dir.resolve("events_off.ms")));
			double onMedian = median(Files.readAllLines(dir.resolve("events_on.ms")));
			System.out.printf(Locale.ROOT, "| %d | %s | %.0f | %.2f | %.2f | %.2f | %.3f | %.0f |%n", r, load,
					drained[0], drained[1], offMedian, onMedian, onMedian / offMedian, drained[2]);
			System.out.flush();
		}
	}

	static double median(List<String> lines) {
		List<Double> sorted = new ArrayList<>(lines.stream().filter((l) -> !l.isBlank()).map(Double::parseDouble).toList());
		Collections.sort(sorted);
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	/** Events per second, seconds, bad posts. */
	static double[] drain(Portal portal, URI receiver, int k) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		long before = Receiver.count(http, receiver)[0];
		http.send(HttpRequest.newBuilder(receiver.resolve("/hold")).POST(BodyPublishers.noBody()).build(),
				BodyHandlers.discarding());
		refuseAll(portal, k);
		// every refusal is committed with its event: released, the outbox has k (less the one held) to send
		long start = System.nanoTime();
		http.send(HttpRequest.newBuilder(receiver.resolve("/release")).POST(BodyPublishers.noBody()).build(),
				BodyHandlers.discarding());
		long[] count;
		while ((count = Receiver.count(http, receiver))[0] < before + k) {
			check(System.nanoTime() - start < 600_000_000_000L, "not delivered in 10 minutes: " + count[0]);
			Thread.sleep(20);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		return new double[] { k / seconds, seconds, count[1] };
	}

	/** The webhook receiver of {@code receiver}: checks, counts, holds on request. */
	static final class Receiver {

		private static final java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();

		private static final java.util.concurrent.atomic.AtomicLong bad = new java.util.concurrent.atomic.AtomicLong();

		private static volatile CountDownLatch gate = new CountDownLatch(0);

		static void run(int port, String secret) throws Exception {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer
				.create(new java.net.InetSocketAddress("127.0.0.1", port), 100);
			server.setExecutor(Executors.newCachedThreadPool());
			Pattern bodyId = Pattern.compile("^\\{\"id\":\"([^\"]+)\"");
			server.createContext("/hook", (exchange) -> {
				byte[] body = exchange.getRequestBody().readAllBytes();
				String signature = exchange.getRequestHeaders().getFirst("X-MfaPortal-Signature");
				String id = exchange.getRequestHeaders().getFirst("X-MfaPortal-Event");
				String expected;
				synchronized (mac) {
					expected = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
				}
				Matcher inBody = bodyId.matcher(new String(body, StandardCharsets.UTF_8));
				try {
					gate.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				if (expected.equals(signature) && id != null && inBody.find() && inBody.group(1).equals(id)) {
					ids.add(id);
				}
				else {
					bad.incrementAndGet();
				}
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			server.createContext("/hold", (exchange) -> {
				gate = new CountDownLatch(1);
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
			});
			server.createContext("/release", (exchange) -> {
				gate.countDown();
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
			});
			server.createContext("/count", (exchange) -> {
				byte[] answer = (ids.size() + " " + bad.get()).getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, answer.length);
				exchange.getResponseBody().write(answer);
				exchange.close();
			});
			server.start();
			System.out.println("receiver=http://127.0.0.1:" + port + "/hook");
		}

		static long[] count(HttpClient http, URI receiver) throws Exception {
			String[] said = http.send(HttpRequest.newBuilder(receiver.resolve("/count")).build(), BodyHandlers.ofString())
				.body()
				.split(" ");
			return new long[] { Long.parseLong(said[0]), Long.parseLong(said[1]) };
		}

	}

	static void refuseAll(Portal portal, int k) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<?>> sent = new ArrayList<>();
		for (int i = 0; i < k; i++) {
			sent.add(pool.submit(() -> {
				portal.refuse();
				return null;
			}));
		}
		for (Future<?> one : sent) {
			one.get();
		}
		pool.shutdown();
	}

	static void write(Path file, List<Double> ms) throws IOException {
		StringBuilder raw = new StringBuilder();
		ms.forEach((v) -> raw.append(String.format(Locale.ROOT, "%.3f%n", v)));
		Files.writeString(file, raw);
	}

	static void report(Path dir, String name, List<Double> ms) throws IOException {
		List<Double> sorted = new ArrayList<>(ms);
		Collections.sort(sorted);
		StringBuilder raw = new StringBuilder();
		ms.forEach((v) -> raw.append(String.format(Locale.ROOT, "%.3f%n", v)));
		Files.writeString(dir.resolve(name + ".ms"), raw);
		int n = sorted.size();
		double median = (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
		double p99 = sorted.get(Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1));
		System.out.printf(Locale.ROOT, "%s_n=%d%n%s_median_ms=%.2f%n%s_p99_ms=%.2f%n%s_max_ms=%.2f%n", name, n, name,
				median, name, p99, name, sorted.get(n - 1));
	}

	static void check(boolean ok, String message) {
		if (!ok) {
			throw new IllegalStateException(message);
		}
	}

	record User(String name, String accessKeyId, String secret, String serial, String base32) {
	}

	record Code(User user, String value) {
	}

	/**
	 * Fresh codes, round robin over the devices. The emulator, like STS, accepts a device's code for
	 * the previous, current and next 30 s step, each once; a code is typed at most once.
	 */
	static final class Codes {

		final List<User> users = new ArrayList<>();

		private final long[] lastStep;

		private final boolean previousStep;

		private int next;

		/** The steps typed so far, kept beside users.tsv for the next driver against the same emulator. */
		private final Path used;

		Codes(Path tsv, boolean previousStep) throws IOException {
			for (String line : Files.readAllLines(tsv)) {
				String[] f = line.split("\t");
				this.users.add(new User(f[0], f[1], f[2], f[3], f[4]));
			}
			this.lastStep = new long[this.users.size()];
			java.util.Arrays.fill(this.lastStep, Long.MIN_VALUE / 2);
			this.used = tsv.resolveSibling("used-steps.txt");
			if (Files.exists(this.used)) {
				List<String> steps = Files.readAllLines(this.used);
				for (int i = 0; i < steps.size() && i < this.lastStep.length; i++) {
					this.lastStep[i] = Long.parseLong(steps.get(i));
				}
			}
			this.previousStep = previousStep;
		}

		synchronized void save() throws IOException {
			StringBuilder steps = new StringBuilder();
			for (long step : this.lastStep) {
				steps.append(step).append('\n');
			}
			Files.writeString(this.used, steps);
		}

		synchronized Code take() throws InterruptedException {
			while (true) {
				long now = Instant.now().getEpochSecond();
				long current = Math.floorDiv(now, 30);
				// the previous step only while it has 10 s or more to go: a request may queue
				long lowest = (this.previousStep && now % 30 < 20) ? current - 1 : current;
				for (int k = 0; k < this.users.size(); k++) {
					int u = (this.next + k) % this.users.size();
					long step = Math.max(lowest, this.lastStep[u] + 1);
					if (step <= current + 1) {
						this.lastStep[u] = step;
						this.next = u + 1;
						User user = this.users.get(u);
						return new Code(user, Totp.currentCode(user.base32,
								Clock.fixed(Instant.ofEpochSecond(step * 30), ZoneOffset.UTC)));
					}
				}
				System.err.println("every device's codes are used; waiting for the next 30 s step");
				Thread.sleep((30 - now % 30) * 1000 + 200);
			}
		}

	}

	/** One browser session: the launch link's cookie and the form's CSRF token. */
	static final class Portal {

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

		private final HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();

		private final URI base;

		private final String csrf;

		Portal(String launchUrl) throws Exception {
			URI launch = URI.create(launchUrl);
			this.base = launch.resolve("/");
			HttpResponse<String> launched = this.http.send(HttpRequest.newBuilder(launch).build(), BodyHandlers.ofString());
			check(launched.statusCode() == 302 || launched.statusCode() == 200, "launch answered " + launched.statusCode());
			String form = this.http.send(HttpRequest.newBuilder(this.base).build(), BodyHandlers.ofString()).body();
			Matcher m = CSRF.matcher(form);
			check(m.find(), "no CSRF token in the form");
			this.csrf = (m.group(1) != null) ? m.group(1) : m.group(2);
		}

		/** POST to the whole result page read; milliseconds. */
		double issue(Code code) throws Exception {
			String body = "_csrf=" + enc(this.csrf) + "&source=" + enc("profile:" + code.user.name) + "&serialNumber="
					+ enc(code.user.serial) + "&tokenCode=" + code.value + "&durationSeconds=900&profileName=mfa";
			HttpRequest request = HttpRequest.newBuilder(this.base.resolve("/session-token"))
				.timeout(Duration.ofSeconds(60))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString(body))
				.build();
			long start = System.nanoTime();
			HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
			double ms = (System.nanoTime() - start) / 1e6;
			check(response.statusCode() == 200 && response.body().contains(">ASIA"),
					"portal answered " + response.statusCode() + " for " + code.user.name);
			return ms;
		}

		/** A form the portal refuses before STS (a code that is no code): a history row, so an event. */
		void refuse() throws Exception {
			String body = "_csrf=" + enc(this.csrf) + "&source=" + enc("profile:bench001") + "&serialNumber="
					+ enc("arn:aws:iam::123456789012:mfa/bench") + "&tokenCode=abc&durationSeconds=900&profileName=mfa";
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.base.resolve("/session-token"))
				.timeout(Duration.ofSeconds(60))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString(body))
				.build(), BodyHandlers.ofString());
			check(response.statusCode() < 500, "portal answered " + response.statusCode() + " to a refused form");
		}

		private static String enc(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

}
