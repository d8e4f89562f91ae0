package io.atende.mail;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import io.atende.platform.InvalidInputException;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimException;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

/**
 * RSA keys for DKIM: made here (2048 bits) or read from a pasted PEM (PKCS#1 or PKCS#8, as openssl and DNS providers
 * hand them out), the public half as the {@code p=} of the DNS record, and a signer for a domain and selector.
 */
final class DkimKeys {

    static final int GENERATED_BITS = 2048;
    private static final int MIN_BITS = 1024;

    private DkimKeys() {
    }

    /** A key read or made here: its private half as PKCS#8 PEM and its public half as base64 DER. */
    record Pair(String privateKeyPem, String publicKey, int bits) {

        @Override
        public String toString() {
            return "DkimKeys.Pair[bits=" + bits + "]";
        }
    }

    static Pair generate() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(GENERATED_BITS);
            return pair((RSAPrivateCrtKey) generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The pasted key; invalid when it is no RSA private key in PEM, or shorter than 1024 bits. */
    static Pair read(String pem) {
        PrivateKey key;
        try {
            key = parse(pem);
        } catch (IOException | RuntimeException unreadable) {
            throw new InvalidInputException("private_key", "mail.dkim.invalid_key");
        }
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new InvalidInputException("private_key", "mail.dkim.invalid_key");
        }
        if (rsa.getModulus().bitLength() < MIN_BITS) {
            throw new InvalidInputException("private_key", "mail.dkim.key_too_short", MIN_BITS);
        }
        return pair(rsa);
    }

    /** The private key of a PEM text, PKCS#1 or PKCS#8; {@code null} when the text holds no key. */
    private static PrivateKey parse(String pem) throws IOException {
        try (var parser = new PEMParser(new StringReader(pem.strip()))) {
            Object parsed = parser.readObject();
            var converter = new JcaPEMKeyConverter();
            if (parsed instanceof PEMKeyPair keyPair) {
                return converter.getKeyPair(keyPair).getPrivate();
            }
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            return null;
        }
    }

    static int bits(String publicKey) {
        try {
            var spec = new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(publicKey));
            var key = (java.security.interfaces.RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec);
            return key.getModulus().bitLength();
        } catch (GeneralSecurityException | IllegalArgumentException unreadable) {
            return 0;
        }
    }

    /** Signs with relaxed canonicalization of headers and body, which survives the rewrapping relays do, and RSA-SHA256. */
    static DkimSigner signer(String domain, String selector, String privateKeyPem) {
        try {
            var signer = new DkimSigner(domain, selector, (RSAPrivateKey) toKey(privateKeyPem));
            signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
            signer.setHeaderCanonicalization(Canonicalization.RELAXED);
            signer.setBodyCanonicalization(Canonicalization.RELAXED);
            signer.setCheckDomainKey(false);
            return signer;
        } catch (DkimException unusable) {
            throw new IllegalStateException("the DKIM key of " + domain + " cannot sign: " + unusable.getMessage(), unusable);
        }
    }

    private static PrivateKey toKey(String pem) {
        try {
            return parse(pem);
        } catch (IOException unreadable) {
            throw new IllegalStateException("a stored DKIM key cannot be read", unreadable);
        }
    }

    private static Pair pair(RSAPrivateCrtKey key) {
        try {
            var publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return new Pair(pem, Base64.getEncoder().encodeToString(publicKey.getEncoded()), key.getModulus().bitLength());
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
