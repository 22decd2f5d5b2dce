package dev.mfaportal.sts;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one HTTP client every AWS call goes through (STS and IAM), with the configured
 * timeouts.
 */
@Configuration(proxyBeanMethods = false)
class StsHttpClient {

	@Bean(destroyMethod = "close")
	SdkHttpClient awsHttpClient(StsSettings settings) {
		return create(settings);
	}

	static SdkHttpClient create(StsSettings settings) {
		return UrlConnectionHttpClient.builder()
			.connectionTimeout(settings.connectTimeout())
			.socketTimeout(settings.callTimeout())
			.build();
	}

}
