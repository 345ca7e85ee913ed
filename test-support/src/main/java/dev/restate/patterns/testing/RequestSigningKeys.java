package dev.restate.patterns.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 key pair for Restate's request signing, in the two forms the parts need: the private
 * key as a PEM file for restate-server ({@code
 * RESTATE_WORKER__INVOKER__REQUEST_IDENTITY_PRIVATE_KEY_PEM_FILE}) and the public key as the {@code
 * publickeyv1_...} string for the SDK's {@code restate.sdk.identity-key} property.
 */
public record RequestSigningKeys(String privateKeyPem, String publicKeyIdentity) {

  /** The server's environment variable naming the private key file. */
  public static final String SERVER_KEY_FILE_VARIABLE =
      "RESTATE_WORKER__INVOKER__REQUEST_IDENTITY_PRIVATE_KEY_PEM_FILE";

  private static final String IDENTITY_PREFIX = "publickeyv1_";

  /** A raw Ed25519 public key is the last 32 bytes of its X.509 encoding. */
  private static final int RAW_PUBLIC_KEY_LENGTH = 32;

  private static final String BASE58_ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  /** Generates a new key pair. */
  public static RequestSigningKeys generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      String pem =
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes())
                  .encodeToString(pair.getPrivate().getEncoded())
              + "\n-----END PRIVATE KEY-----\n";
      byte[] encoded = pair.getPublic().getEncoded();
      byte[] raw =
          Arrays.copyOfRange(encoded, encoded.length - RAW_PUBLIC_KEY_LENGTH, encoded.length);
      return new RequestSigningKeys(pem, IDENTITY_PREFIX + base58(raw));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JVM cannot generate Ed25519 keys", e);
    }
  }

  /** Writes the private key to {@code file} and returns the file. */
  public Path writePrivateKey(Path file) throws IOException {
    Files.writeString(file, privateKeyPem);
    return file;
  }

  private static String base58(byte[] bytes) {
    StringBuilder encoded = new StringBuilder();
    BigInteger value = new BigInteger(1, bytes);
    BigInteger base = BigInteger.valueOf(58);
    while (value.signum() > 0) {
      BigInteger[] quotientAndRemainder = value.divideAndRemainder(base);
      encoded.append(BASE58_ALPHABET.charAt(quotientAndRemainder[1].intValue()));
      value = quotientAndRemainder[0];
    }
    for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
      encoded.append(BASE58_ALPHABET.charAt(0));
    }
    return encoded.reverse().toString();
  }
}
