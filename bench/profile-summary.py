"""Summarises `jfr print --events jdk.ExecutionSample` output: share of samples per layer
(a sample counts for a layer when any of its frames is in it) and the hottest top frames."""
import collections
import re
import sys

STARTUP = [
    ("Spring context (refresh)", r"AbstractApplicationContext\.refresh"),
    ("  bean creation", r"AbstractAutowireCapableBeanFactory\.createBean"),
    ("  configuration classes / conditions", r"ConfigurationClassPostProcessor|ConditionEvaluator"),
    ("Flyway", r"org\.flywaydb\."),
    ("H2", r"org\.h2\."),
    ("Hibernate Validator", r"org\.hibernate\.validator\."),
    ("Actuator / Micrometer", r"org\.springframework\.boot\.actuate|io\.micrometer\.|io\.prometheus\."),
    ("Spring Security", r"org\.springframework\.security\."),
    ("Thymeleaf", r"org\.thymeleaf\."),
    ("AWS SDK", r"software\.amazon\.awssdk\."),
    ("Tomcat", r"org\.apache\.(catalina|coyote|tomcat)\."),
    ("portal code (dev.mfaportal)", r"dev\.mfaportal\.(?!calibration|MfaPortalApplication\.main)"),
    ("class loading / linking", r"ClassLoader\.(loadClass|defineClass)|Class\.forName"),
    ("reflection / annotations", r"java\.lang\.reflect\.|AnnotationUtils|MergedAnnotation"),
]

LAYERS = [
    ("Thymeleaf (all)", r"org\.thymeleaf\."),
    ("  SpEL", r"org\.springframework\.expression\."),
    ("  messages (MessageSource)", r"MessageSource|MessageFormat|ResourceBundle"),
    ("  fragments (th:replace/insert)", r"AbstractStandardFragmentInsertionTagProcessor|FragmentExpression"),
    ("  link expressions (@{...})", r"LinkExpression|StandardLinkBuilder|RequestDataValueProcessor"),
    ("Spring Security filters", r"org\.springframework\.security\."),
    ("session (Tomcat)", r"org\.apache\.catalina\.session\.|Request\.doGetSession"),
    ("portal code (dev.mfaportal)", r"dev\.mfaportal\."),
    ("JDBC / H2 / Hikari", r"org\.h2\.|com\.zaxxer\.hikari\."),
    ("credential sources", r"CredentialSources|credentialsource"),
    ("saved devices", r"DevicePresets|DeviceRepository"),
    ("Spring MVC (DispatcherServlet)", r"DispatcherServlet"),
    ("Micrometer / observation", r"io\.micrometer\."),
    ("Tomcat / network", r"org\.apache\.(coyote|tomcat)\.|sun\.nio\."),
    ("GC / JIT (no Java frame)", r"^$"),
]

layers = STARTUP if len(sys.argv) > 2 and sys.argv[2] == "startup" else LAYERS
samples = []
frames = None
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if line.strip().startswith("stackTrace = ["):
        frames = []
    elif frames is not None:
        s = line.strip()
        if s.startswith("]") or s == "...":
            if s.startswith("]"):
                samples.append(frames)
                frames = None
        else:
            frames.append(re.sub(r"\s+line:.*$", "", s))
total = len(samples)
print(f"samples: {total}")
for name, pattern in layers:
    rx = re.compile(pattern)
    n = sum(1 for f in samples if (not f if pattern == "^$" else any(rx.search(x) for x in f)))
    print(f"{100.0 * n / max(total, 1):5.1f}%  {name}")
print("\nhottest top frames:")
top = collections.Counter(f[0] if f else "(none)" for f in samples)
for frame, n in top.most_common(int(sys.argv[3]) if len(sys.argv) > 3 else 25):
    print(f"{100.0 * n / total:5.1f}%  {frame}")
