package org.curata.sqltests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's own {@code .test} scripts under {@code src/test/resources/curata}, each run in a
 * fresh dataset under each {@link Variant} (the defaults, 1-row and 3-row blocks, 1-row and 3-row
 * execution batches): all must pass, with the same expected answers, under every variant.
 */
final class CurataScriptTest {
  private static final String RESOURCE_DIRECTORY = "curata";

  @TempDir
  Path work;

  @TestFactory
  Stream<DynamicTest> scripts() throws IOException, URISyntaxException {
    Path directory = scriptDirectory();
    List<Path> files;
    try (Stream<Path> s = Files.list(directory)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".test")).sorted().collect(Collectors.toList());
    }
    assertFalse(files.isEmpty(), () -> "no .test files in " + directory);
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files) {
      for (Variant variant : Variant.VARIANTS) {
        String name = RESOURCE_DIRECTORY + "/" + file.getFileName();
        tests.add(DynamicTest.dynamicTest(name + " [" + variant + "]", () -> {
          ScriptFile script = ScriptFile.parse(name, Files.readString(file, StandardCharsets.UTF_8));
          Path dataset = work.resolve(file.getFileName() + "-" + variant.name());
          List<String> failures = new ScriptRunner(script, directory, dataset, variant).run();
          failures.forEach(System.out::println);
          System.out.println(name + " [" + variant + "]: " + script.records().size() + " records, "
              + failures.size() + " failures");
          assertTrue(failures.isEmpty(), () -> failures.size() + " failures in " + name + " [" + variant + "]:"
              + System.lineSeparator() + String.join(System.lineSeparator(), failures));
        }));
      }
    }
    return tests.stream();
  }

  /** The scripts' directory: the test resources are files on disk (target/test-classes). */
  private static Path scriptDirectory() throws URISyntaxException {
    URL url = CurataScriptTest.class.getClassLoader().getResource(RESOURCE_DIRECTORY);
    if (url == null || !"file".equals(url.getProtocol())) {
      throw new IllegalStateException("test resources '" + RESOURCE_DIRECTORY + "' are not a directory: " + url);
    }
    return Path.of(url.toURI());
  }
}
