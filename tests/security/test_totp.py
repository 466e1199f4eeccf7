"""accounts/totp.py against RFC 6238 Appendix B (and RFC 4226 Appendix D for HOTP)."""

import base64

import pytest

from accounts import totp

SEED_SHA1 = b"12345678901234567890"
SEED_SHA256 = b"12345678901234567890123456789012"
SEED_SHA512 = b"1234567890123456789012345678901234567890123456789012345678901234"

RFC6238 = [
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1111111111, "14050471", "67062674", "99943326"),
    (1234567890, "89005924", "91819424", "93441116"),
    (2000000000, "69279037", "90698825", "38618901"),
    (20000000000, "65353130", "77737706", "47863826"),
]


@pytest.mark.parametrize(("unix_time", "sha1", "sha256", "sha512"), RFC6238)
def test_rfc6238_vectors(unix_time, sha1, sha256, sha512):
    assert totp.totp(SEED_SHA1, unix_time, digits=8, algorithm="sha1") == sha1
    assert totp.totp(SEED_SHA256, unix_time, digits=8, algorithm="sha256") == sha256
    assert totp.totp(SEED_SHA512, unix_time, digits=8, algorithm="sha512") == sha512


def test_rfc4226_hotp_vectors():
    expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
    assert [totp.hotp(SEED_SHA1, counter) for counter in range(10)] == expected


SECRET = base64.b32encode(SEED_SHA1).decode()  # GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ


class TestVerify:
    def test_current_code_gives_its_step(self):
        assert totp.verify(SECRET, "287082", 59) == 1  # step 1 = HOTP counter 1

    def test_one_step_of_drift_either_way(self):
        assert totp.verify(SECRET, "755224", 59) == 0
        assert totp.verify(SECRET, "359152", 59) == 2
        assert totp.verify(SECRET, "969429", 59) is None  # two steps ahead

    def test_a_used_step_is_refused(self):
        assert totp.verify(SECRET, "287082", 59, last_step=1) is None
        assert totp.verify(SECRET, "755224", 59, last_step=1) is None  # older than the last used
        assert totp.verify(SECRET, "359152", 59, last_step=1) == 2

    @pytest.mark.parametrize("code", ["", "28708", "2870822", "abcdef", "２８７０８２", None])
    def test_malformed_codes(self, code):
        assert totp.verify(SECRET, code, 59) is None

    def test_spaces_are_ignored(self):
        assert totp.verify(SECRET, "287 082", 59) == 1


def test_new_secret_is_160_bits_base32():
    secret = totp.new_secret()
    assert len(totp.decode_secret(secret)) == 20
    assert secret != totp.new_secret()


def test_provisioning_uri():
    uri = totp.provisioning_uri("ABC", "isabel", "CCM Portal")
    assert uri == "otpauth://totp/CCM%20Portal%3Aisabel?secret=ABC&issuer=CCM+Portal&algorithm=SHA1&digits=6&period=30"
