package dev.mfaportal.issuing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "last used" bookkeeping that listens to {@link CredentialsIssued} (a stored key's
 * date, the order of saved devices). It runs inside the request that shows the
 * credentials, and is not worth losing credentials that STS has already issued for a
 * spent code, nor stopping the listeners after it: a failure is logged and the request
 * goes on.
 */
public final class LastUse {

	private static final Logger logger = LoggerFactory.getLogger(LastUse.class);

	private LastUse() {
	}

	/**
	 * @param what what was used, for the log: "a stored key"
	 * @param write the update
	 */
	public static void record(String what, Runnable write) {
		try {
			write.run();
		}
		catch (RuntimeException ex) {
			// Not only DataAccessException: a database it can't reach fails a transaction
			// with CannotCreateTransactionException, and no listener may stop the others.
			logger.warn("Could not record the use of {}", what, ex);
		}
	}

}
