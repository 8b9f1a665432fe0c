// The hash algorithm names the encoders write, from every spelling the
// decoders read (CycloneDX 1.7 hash-alg, SPDX 2.3 checksum algorithm, SPDX 3
// HashAlgorithm).
#include "sbom/encode_support.h"

#include <gtest/gtest.h>

namespace soupkeeper::sbom::encode {
namespace {

TEST(HashAlg, EverySpellingMapsToCycloneDx) {
  EXPECT_EQ(CdxHashAlg("SHA-256"), "SHA-256");
  EXPECT_EQ(CdxHashAlg("SHA256"), "SHA-256");
  EXPECT_EQ(CdxHashAlg("sha256"), "SHA-256");
  EXPECT_EQ(CdxHashAlg("SHA1"), "SHA-1");
  EXPECT_EQ(CdxHashAlg("sha3_384"), "SHA3-384");
  EXPECT_EQ(CdxHashAlg("blake2b512"), "BLAKE2b-512");
  EXPECT_EQ(CdxHashAlg("md5"), "MD5");
  // SPDX-only algorithms have no CycloneDX name.
  EXPECT_EQ(CdxHashAlg("SHA224"), "");
  EXPECT_EQ(CdxHashAlg("ADLER32"), "");
}

TEST(HashAlg, EverySpellingMapsToSpdx2) {
  EXPECT_EQ(SpdxHashAlg("SHA-512"), "SHA512");
  EXPECT_EQ(SpdxHashAlg("sha3_256"), "SHA3-256");
  EXPECT_EQ(SpdxHashAlg("BLAKE2b-256"), "BLAKE2b-256");
  EXPECT_EQ(SpdxHashAlg("blake3"), "BLAKE3");
  EXPECT_EQ(SpdxHashAlg("sha224"), "SHA224");
  // CycloneDX-only algorithms have no SPDX 2.3 name.
  EXPECT_EQ(SpdxHashAlg("Streebog-256"), "");
}

TEST(HashAlg, NearMissesAreUnknown) {
  EXPECT_EQ(CdxHashAlg(""), "");
  EXPECT_EQ(CdxHashAlg("-"), "");
  EXPECT_EQ(CdxHashAlg("SHA-25"), "");              // a prefix of SHA-256
  EXPECT_EQ(CdxHashAlg("SHA-2566"), "");            // SHA-256 is a prefix of it
  EXPECT_EQ(CdxHashAlg("SHA 256"), "");             // only '-' and '_' are ignored
  EXPECT_EQ(CdxHashAlg("SHA3-2-5-6"), "SHA3-256");  // wherever they stand
}

}  // namespace
}  // namespace soupkeeper::sbom::encode
