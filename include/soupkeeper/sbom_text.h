// The storage of an SBOM's normalized model: text and lists that live in one
// arena owned by the Document, instead of a heap block per string and per
// list.
//
// Why: a 50,000-component document made about 500,000 allocations (every
// std::string longer than 15 bytes, every std::vector), whose making, first
// touch and freeing cost more than the 300 MB/s decode budget on their own;
// see docs/parts/sbom-performance.md, "The floors".
//
// - Text: an immutable string: a view into an Arena, or into static storage
//   (string literals convert implicitly). It converts to std::string_view,
//   compares with any string, prints, hashes. It owns nothing: it is valid
//   while its Arena lives.
// - List<T>: an immutable array of trivially destructible T in an Arena.
// - Arena: blocks filled in turn; Keep copies text or a list in and returns
//   the Text or List. Addresses never move, so an Arena held by a
//   the Arena of a Document (held by pointer) can move with its owner.
//
// Example:
//   Arena arena;
//   Text name = arena.Keep(std::string("zlib"));
//   Text kind = "library";  // a literal needs no arena (consteval)
//   List<Text> ids = arena.KeepList(std::vector<Text>{name, kind});
//   if (name == "zlib" && ids.size() == 2) Use(std::string_view(name));
#ifndef SOUPKEEPER_SBOM_TEXT_H_
#define SOUPKEEPER_SBOM_TEXT_H_

#include <algorithm>
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace soupkeeper::sbom {

class Text {
 public:
  constexpr Text() = default;
  // A string literal: static storage, nothing to keep. consteval, so only
  // constants convert (a runtime char buffer does not).
  consteval Text(const char* literal)  // NOLINT(google-explicit-constructor)
      : data_(literal), size_(Length(literal)) {}
  // Text the caller keeps alive at least as long as this Text (an Arena's,
  // or static storage).
  static constexpr Text View(std::string_view kept) {
    Text t;
    t.data_ = kept.data();
    t.size_ = static_cast<uint32_t>(kept.size());
    return t;
  }

  constexpr operator std::string_view() const {  // NOLINT(google-explicit-constructor)
    return {data_, size_};
  }
  // A copy, for the readers that need a std::string (implicit, as the
  // model's fields were std::string before).
  operator std::string() const { return std::string(data_, size_); }  // NOLINT
  constexpr std::string_view view() const { return {data_, size_}; }
  std::string str() const { return std::string(data_, size_); }

  constexpr const char* data() const { return data_; }
  constexpr size_t size() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr const char* begin() const { return data_; }
  constexpr const char* end() const { return data_ + size_; }
  constexpr char operator[](size_t i) const { return data_[i]; }
  constexpr char front() const { return data_[0]; }
  constexpr char back() const { return data_[size_ - 1]; }

  constexpr size_t find(std::string_view s, size_t from = 0) const { return view().find(s, from); }
  constexpr size_t find(char c, size_t from = 0) const { return view().find(c, from); }
  constexpr size_t rfind(std::string_view s, size_t from = std::string_view::npos) const {
    return view().rfind(s, from);
  }
  constexpr bool starts_with(std::string_view s) const { return view().starts_with(s); }
  constexpr bool ends_with(std::string_view s) const { return view().ends_with(s); }
  constexpr std::string_view substr(size_t pos, size_t n = std::string_view::npos) const {
    return view().substr(pos, n);
  }

  friend constexpr bool operator==(const Text& a, const Text& b) { return a.view() == b.view(); }
  friend constexpr bool operator==(const Text& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const Text& a, const std::string& b) { return a.view() == b; }
  friend constexpr bool operator==(const Text& a, const char* b) {
    return a.view() == std::string_view(b);
  }
  friend constexpr std::strong_ordering operator<=>(const Text& a, const Text& b) {
    return a.view() <=> b.view();
  }
  friend constexpr std::strong_ordering operator<=>(const Text& a, std::string_view b) {
    return a.view() <=> b;
  }
  friend std::ostream& operator<<(std::ostream& out, const Text& t) { return out << t.view(); }

 private:
  static consteval uint32_t Length(const char* s) {
    uint32_t n = 0;
    while (s[n] != '\0') ++n;
    return n;
  }

  const char* data_ = "";
  uint32_t size_ = 0;
};

// std::string + Text, as with a std::string on the right.
inline std::string operator+(std::string a, const Text& b) { return a.append(b.data(), b.size()); }
inline std::string operator+(const char* a, const Text& b) { return std::string(a) + b; }
inline std::string operator+(const Text& a, std::string_view b) {
  std::string s = a.str();
  return s.append(b);
}
inline std::string operator+(const Text& a, const Text& b) { return a + b.view(); }
inline std::string operator+(const Text& a, const char* b) { return a + std::string_view(b); }

template <typename T>
class List {
  static_assert(std::is_trivially_destructible_v<T>, "a List never runs destructors");

 public:
  using value_type = T;
  constexpr List() = default;
  // Items the caller keeps alive at least as long as this List.
  static constexpr List View(std::span<const T> kept) {
    List l;
    l.data_ = kept.data();
    l.size_ = static_cast<uint32_t>(kept.size());
    return l;
  }

  constexpr const T* data() const { return data_; }
  constexpr size_t size() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr const T* begin() const { return data_; }
  constexpr const T* end() const { return data_ + size_; }
  constexpr const T& operator[](size_t i) const { return data_[i]; }
  constexpr const T& front() const { return data_[0]; }
  constexpr const T& back() const { return data_[size_ - 1]; }
  constexpr operator std::span<const T>() const {  // NOLINT(google-explicit-constructor)
    return {data_, size_};
  }
  // A copy, for the readers that need a std::vector.
  std::vector<T> vector() const { return {begin(), end()}; }

  friend bool operator==(const List& a, std::span<const T> b) requires std::equality_comparable<T> {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }
  friend bool operator==(const List& a, const List& b) requires std::equality_comparable<T> {
    return a == std::span<const T>(b);
  }
  friend bool operator==(const List& a,
                         const std::vector<T>& b) requires std::equality_comparable<T> {
    return a == std::span<const T>(b);
  }

 private:
  const T* data_ = nullptr;
  uint32_t size_ = 0;
};

class Arena {
 public:
  Arena() = default;
  // Its full-size blocks go to a cache of this thread for the next Arenas
  // (up to 32 MiB), so a process decoding document after document does not
  // map, fault in and clear fresh memory for each.
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // A copy of `text` in the arena; "" for empty text (no copy).
  Text Keep(std::string_view text) {
    if (text.empty()) return {};
    char* copy = static_cast<char*>(Allocate(text.size(), 1));
    std::memcpy(copy, text.data(), text.size());
    return Text::View({copy, text.size()});
  }
  // A copy of `items` in the arena.
  template <typename T>
  List<T> KeepList(std::span<const T> items) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (items.empty()) return {};
    T* copy = static_cast<T*>(Allocate(items.size_bytes(), alignof(T)));
    std::memcpy(static_cast<void*>(copy), items.data(), items.size_bytes());
    return List<T>::View({copy, items.size()});
  }
  template <typename T>
  List<T> KeepList(const std::vector<T>& items) {
    return KeepList(std::span<const T>(items));
  }

  // Bytes held in blocks (for memory figures).
  size_t capacity() const { return capacity_; }

 private:
  // `bytes` at a multiple of `align` (a power of two): from the last block
  // when they fit (inline: a decoder keeps every string of a document),
  // else from a new block.
  void* Allocate(size_t bytes, size_t align) {
    const size_t pad = (0 - reinterpret_cast<uintptr_t>(next_)) & (align - 1);
    if (bytes + pad > left_) return AllocateInNewBlock(bytes, align);
    std::byte* at = next_ + pad;
    next_ = at + bytes;
    left_ -= pad + bytes;
    return at;
  }
  void* AllocateInNewBlock(size_t bytes, size_t align);

  static constexpr size_t kMaxBlock = size_t{1} << 20;  // blocks double up to this
  struct Block {
    std::unique_ptr<std::byte[]> bytes;
    size_t size;
  };
  std::vector<Block> blocks_;
  std::byte* next_ = nullptr;  // free space of the last block
  size_t left_ = 0;
  size_t block_size_ = 4 * 1024;  // of the next block; doubles up to kMaxBlock
  size_t capacity_ = 0;
};

}  // namespace soupkeeper::sbom

template <>
struct std::hash<soupkeeper::sbom::Text> {
  size_t operator()(const soupkeeper::sbom::Text& t) const noexcept {
    return std::hash<std::string_view>()(t.view());
  }
};

#endif  // SOUPKEEPER_SBOM_TEXT_H_
