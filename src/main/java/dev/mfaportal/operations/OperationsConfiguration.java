package dev.mfaportal.operations;

import java.time.Clock;

import dev.mfaportal.sts.StsSettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The STS reachability check, named {@code stsEndpoint} for the health endpoint (the bean
 * name less {@code HealthIndicator}); {@code application.properties} puts it in the
 * {@code sts} group.
 */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

	@Bean
	StsReachability stsEndpointHealthIndicator(StsSettings settings, Clock clock) {
		return new StsReachability(StsReachability.endpoint(settings, System.getenv()), clock);
	}

}
