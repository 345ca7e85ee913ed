package dev.restate.patterns.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Fails when a tracked file of the repository contains something shaped like a Stripe secret: a
 * secret or restricted API key, live or test, or a webhook signing secret. Keys belong in the
 * environment or in local configuration that git does not track.
 */
class RepositorySecretsTest {

  /** Real Stripe keys carry at least 24 random characters after the prefix. */
  private static final Pattern STRIPE_SECRET =
      Pattern.compile("\\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{24,}|\\bwhsec_[0-9A-Za-z]{24,}");

  @Test
  void trackedFilesContainNoStripeSecret() throws Exception {
    Path root = repositoryRoot();
    List<String> findings = new ArrayList<>();

    for (String file : trackedFiles(root)) {
      String text = readText(root.resolve(file));
      Matcher matcher = STRIPE_SECRET.matcher(text);
      while (matcher.find()) {
        findings.add(file + ": " + matcher.group().substring(0, 12) + "...");
      }
    }

    assertThat(findings).as("Stripe secrets in tracked files").isEmpty();
  }

  @Test
  void patternMatchesStripeKeyShapes() {
    String fakeLiveKey = "sk_live_" + "a".repeat(24);
    String fakeTestKey = "sk_test_" + "51Hx".repeat(24);
    String fakeRestrictedKey = "rk_live_" + "Z9".repeat(12);
    String fakeWebhookSecret = "whsec_" + "B1".repeat(16);

    assertThat(STRIPE_SECRET.matcher(fakeLiveKey).find()).isTrue();
    assertThat(STRIPE_SECRET.matcher(fakeTestKey).find()).isTrue();
    assertThat(STRIPE_SECRET.matcher("STRIPE_API_KEY=" + fakeTestKey).find()).isTrue();
    assertThat(STRIPE_SECRET.matcher(fakeRestrictedKey).find()).isTrue();
    assertThat(STRIPE_SECRET.matcher(fakeWebhookSecret).find()).isTrue();
    assertThat(STRIPE_SECRET.matcher("sk_test_local_stub").find()).isFalse();
  }

  private static Path repositoryRoot() {
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve(".git"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("git repository above %s", Paths.get("").toAbsolutePath()).isNotNull();
    return dir;
  }

  private static List<String> trackedFiles(Path root) throws IOException, InterruptedException {
    Process git = new ProcessBuilder("git", "ls-files", "-z").directory(root.toFile()).start();
    String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(git.waitFor()).as("exit code of git ls-files").isZero();
    List<String> files = new ArrayList<>();
    for (String file : output.split("\0")) {
      if (!file.isEmpty()) {
        files.add(file);
      }
    }
    return files;
  }

  /** Binary files and files deleted from the work tree are skipped. */
  private static String readText(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return "";
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      return "";
    }
  }
}
