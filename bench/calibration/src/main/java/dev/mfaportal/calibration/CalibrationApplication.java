package dev.mfaportal.calibration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The floor bench/floor.sh measures the portal against: the same stack, one small page behind
 * Spring Security's default filters (CSRF, security headers, a session), rendered by Thymeleaf
 * with a few messages, and a Flyway-migrated H2 file database. Nothing else.
 */
@SpringBootApplication
public class CalibrationApplication {

	public static void main(String[] args) {
		SpringApplication.run(CalibrationApplication.class, args);
	}

	@Bean
	SecurityFilterChain security(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
	}

	@Controller
	static class PageController {

		@GetMapping("/")
		String page(Model model) {
			model.addAttribute("items", java.util.List.of("one", "two", "three"));
			return "page";
		}

	}

}
