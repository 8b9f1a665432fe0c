// Lists of the model (sbom::List) built by the decoders: items are appended
// to a scratch vector reused through the decode, then copied into the
// Document's arena in one piece, so a list costs no heap block of its own.
//
// The scratch vectors work as stacks: a list being built may contain
// another one's making (an external reference's hashes while a component's
// references are built), as each ListInto appends past the items of the
// lists still open and takes its own off when done.
//
// Example:
//   ListBuilder<Hash, Property> lists;  // a member of the decoder
//   lists.Use(*doc.arena);
//   {
//     ListInto<Hash> hashes = lists.Into(&c.hashes);
//     hashes->push_back({doc.Keep(alg), doc.Keep(value)});
//   }  // c.hashes now views the kept items
#ifndef SOUPKEEPER_SRC_SBOM_LIST_SCRATCH_H_
#define SOUPKEEPER_SRC_SBOM_LIST_SCRATCH_H_

#include <span>
#include <tuple>
#include <vector>

#include "soupkeeper/sbom_text.h"

namespace soupkeeper::sbom {

// The items appended while it lives become *out (when out is not null).
template <typename T>
class ListInto {
 public:
  ListInto(std::vector<T>& scratch, Arena& arena, List<T>* out)
      : scratch_(scratch), arena_(arena), out_(out), mark_(scratch.size()) {}
  ListInto(const ListInto&) = delete;
  ListInto& operator=(const ListInto&) = delete;
  ~ListInto() {
    if (out_ != nullptr) *out_ = arena_.KeepList(std::span<const T>(scratch_).subspan(mark_));
    scratch_.resize(mark_);
  }

  // Where to append (helpers that take a std::vector<T>*).
  std::vector<T>* get() { return &scratch_; }
  operator std::vector<T>*() { return &scratch_; }  // NOLINT(google-explicit-constructor)
  std::vector<T>* operator->() { return &scratch_; }
  // Where this list's items start in *get().
  size_t first() const { return mark_; }
  // The items appended so far.
  std::span<T> items() { return std::span<T>(scratch_).subspan(mark_); }

 private:
  std::vector<T>& scratch_;
  Arena& arena_;
  List<T>* out_;
  size_t mark_;
};

// The lists of one decode: ListInto for each list built, Append for the
// few filled one item at a time among others.
template <typename... T>
class ListBuilder {
 public:
  // The arena the lists are kept in (the Document's), before any Into.
  void Use(Arena& arena) { arena_ = &arena; }

  template <typename U>
  ListInto<U> Into(List<U>* out) {
    return ListInto<U>(std::get<std::vector<U>>(scratch_), *arena_, out);
  }
  // `item` added to *list (which is copied: for short lists only).
  template <typename U>
  void Append(List<U>* list, const U& item) {
    std::vector<U> items = list->vector();
    items.push_back(item);
    *list = arena_->KeepList(items);
  }

 private:
  Arena* arena_ = nullptr;
  std::tuple<std::vector<T>...> scratch_;
};

}  // namespace soupkeeper::sbom

#endif  // SOUPKEEPER_SRC_SBOM_LIST_SCRATCH_H_
