package dev.mfaportal.support;

import java.nio.file.Path;
import java.sql.SQLException;

import org.h2.tools.Server;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An H2 server the portal reaches through a {@link TcpRelay} the test can cut, for
 * database outages. Its files live in the temporary directory, one folder per name and
 * JVM. Held in a {@code @RegisterExtension static} field, it is the portal's database
 * ({@link PortalDatabase}) and stops after the test class.
 */
public final class CuttableDatabase implements PortalDatabase, AutoCloseable, AfterAllCallback {

	private final Server server;

	private final TcpRelay relay;

	private CuttableDatabase(Server server, TcpRelay relay) {
		this.server = server;
		this.relay = relay;
	}

	public static CuttableDatabase start(String name) {
		try {
			Server server = Server
				.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir",
						Path.of(System.getProperty("java.io.tmpdir"),
								"mfa-portal-" + name + "-" + ProcessHandle.current().pid())
							.toString())
				.start();
			return new CuttableDatabase(server, new TcpRelay(server.getPort()));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start the H2 server " + name, ex);
		}
	}

	/** The portal's {@code spring.datasource.url}: through the relay. */
	@Override
	public String url() {
		return "jdbc:h2:tcp://127.0.0.1:" + this.relay.port() + "/./portal";
	}

	/**
	 * The same database, not through the relay: for a test's own look while it is cut.
	 */
	public String directUrl() {
		return "jdbc:h2:tcp://127.0.0.1:" + this.server.getPort() + "/./portal";
	}

	public void cut() {
		this.relay.cut();
	}

	public void restore() {
		this.relay.restore();
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		close();
	}

	@Override
	public void close() throws Exception {
		this.relay.close();
		this.server.stop();
	}

}
