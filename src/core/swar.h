// Byte tests on eight bytes at a time ("SIMD within a register"), for the
// scanners of JSON and YAML text: find the end of a run of plain bytes
// without a branch per byte. Little-endian: the first byte in memory is the
// lowest of the word.
#ifndef SOUPKEEPER_SRC_CORE_SWAR_H_
#define SOUPKEEPER_SRC_CORE_SWAR_H_

#include <bit>
#include <cstdint>
#include <cstring>

namespace soupkeeper::swar {

static_assert(std::endian::native == std::endian::little);

inline constexpr uint64_t kOnes = 0x0101010101010101u;
inline constexpr uint64_t kHigh = 0x8080808080808080u;

// The eight bytes at `p`.
inline uint64_t Load(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, 8);
  return word;
}

// The high bit of each byte of `word` below `n` (n <= 0x80). Whether any is
// set is exact, and so is the lowest set one; a borrow can also mark bytes
// above it.
inline constexpr uint64_t BytesBelow(uint64_t word, unsigned n) {
  return (word - kOnes * n) & ~word & kHigh;
}

// The high bit of each byte of `word` equal to `c`, as exact as BytesBelow.
inline constexpr uint64_t BytesEqual(uint64_t word, char c) {
  return BytesBelow(word ^ (kOnes * static_cast<unsigned char>(c)), 1);
}

// The high bit of each byte of `word` from 0x80 (non-ASCII).
inline constexpr uint64_t NonAscii(uint64_t word) { return word & kHigh; }

}  // namespace soupkeeper::swar

#endif  // SOUPKEEPER_SRC_CORE_SWAR_H_
