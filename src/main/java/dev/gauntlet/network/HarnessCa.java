package dev.gauntlet.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issue the certificates the egress proxy shows to commands: a certificate authority made when the
 * proxy starts, whose key never leaves memory, and one certificate per host it signs on demand.
 * Only sandboxes that the proxy serves trust it, through the CA-bundle variables; it is never
 * installed on the machine.
 */
final class HarnessCa {

  private static final String SIGNATURE = "SHA256withECDSA";
  private static final Duration BACKDATE = Duration.ofHours(1);
  private static final Duration VALIDITY = Duration.ofDays(2);
  private static final char[] NO_PASSWORD = new char[0];

  private final KeyPair caKeys;
  private final X509Certificate caCertificate;
  private final KeyPair hostKeys;
  private final Map<String, SSLContext> contexts = new ConcurrentHashMap<>();
  private final AtomicLong serials = new AtomicLong(2);

  private HarnessCa(KeyPair caKeys, X509Certificate caCertificate, KeyPair hostKeys) {
    this.caKeys = caKeys;
    this.caCertificate = caCertificate;
    this.hostKeys = hostKeys;
  }

  /** Make a new authority, valid from an hour ago for two days. */
  static HarnessCa create() {
    try {
      KeyPair caKeys = keyPair();
      X500Principal name = new X500Principal("CN=Gauntlet sandbox CA, O=Gauntlet");
      Instant now = Instant.now();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.ONE,
              Date.from(now.minus(BACKDATE)),
              Date.from(now.plus(VALIDITY)),
              name,
              caKeys.getPublic());
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(
              Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(
              Extension.subjectKeyIdentifier,
              false,
              extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
      X509Certificate certificate = sign(builder, caKeys);
      return new HarnessCa(caKeys, certificate, keyPair());
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot create the sandbox's certificate authority", e);
    }
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws GeneralSecurityException, OperatorCreationException {
    ContentSigner contentSigner = new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
  }

  /** Return the authority's certificate. */
  X509Certificate certificate() {
    return caCertificate;
  }

  /** Return the authority's certificate in PEM, as CA bundles hold it. */
  String pem() {
    try {
      String base64 =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(caCertificate.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode the sandbox's CA certificate", e);
    }
  }

  /**
   * Return a server context that shows a certificate for {@code host} (a name in normal form, or an
   * IP address), signed by this authority; one per host, made on first use.
   */
  SSLContext serverContext(String host, boolean address) {
    return contexts.computeIfAbsent(host, name -> newContext(name, address));
  }

  private SSLContext newContext(String host, boolean address) {
    try {
      X509Certificate certificate = issue(host, address);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "host",
          hostKeys.getPrivate(),
          NO_PASSWORD,
          new Certificate[] {certificate, caCertificate});
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, NO_PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, new SecureRandom());
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue a certificate for " + host, e);
    }
  }

  private X509Certificate issue(String host, boolean address)
      throws GeneralSecurityException, IOException, OperatorCreationException {
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            caCertificate,
            BigInteger.valueOf(serials.getAndIncrement()),
            Date.from(now.minus(BACKDATE)),
            Date.from(now.plus(VALIDITY)),
            new X500Principal("CN=" + (address ? "gauntlet-address" : host)),
            hostKeys.getPublic());
    GeneralName name =
        address
            ? new GeneralName(GeneralName.iPAddress, host)
            : new GeneralName(GeneralName.dNSName, host);
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    builder
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name))
        .addExtension(
            Extension.authorityKeyIdentifier,
            false,
            extensions.createAuthorityKeyIdentifier(caCertificate))
        .addExtension(
            Extension.subjectKeyIdentifier,
            false,
            extensions.createSubjectKeyIdentifier(hostKeys.getPublic()));
    return sign(builder, caKeys);
  }
}
