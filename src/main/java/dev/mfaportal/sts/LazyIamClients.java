package dev.mfaportal.sts;

import java.util.function.Supplier;

/**
 * Makes {@link IamClients} at the first IAM call, so a bean that may call IAM names no
 * IAM type in any method Spring reads at start.
 */
final class LazyIamClients implements AutoCloseable {

	private final Supplier<IamClients> factory;

	private volatile IamClients clients;

	LazyIamClients(Supplier<IamClients> factory) {
		this.factory = factory;
	}

	IamClients get() {
		IamClients made = this.clients;
		if (made == null) {
			synchronized (this) {
				made = this.clients;
				if (made == null) {
					made = this.factory.get();
					this.clients = made;
				}
			}
		}
		return made;
	}

	@Override
	public void close() {
		IamClients made = this.clients;
		if (made != null) {
			made.close();
		}
	}

}
