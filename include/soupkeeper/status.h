// Status and Result<T>: how every soupkeeper call reports failure.
//
// The library never throws across its public API. A call that can fail returns
// a Status (no value) or a Result<T> (a value or a Status). The set of codes is
// closed; each code maps to exactly one CLI exit code and one HTTP status, in
// one place each (cli/exit_codes.cc, server/http_status.cc).
//
// Messages are written for the person who has to act on them and, for input
// errors, name the file and the place in it, e.g.
//   "sbom.json: /components/3/purl: invalid purl: missing 'pkg:' scheme"
//
// Example:
//   Result<Purl> p = purl::Parse(text);
//   if (!p.ok()) return p.status();
//   Use(*p);
// or, inside a function returning Status or Result:
//   SK_ASSIGN_OR_RETURN(Purl p, purl::Parse(text));
#ifndef SOUPKEEPER_STATUS_H_
#define SOUPKEEPER_STATUS_H_

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace soupkeeper {

// The closed set of failure kinds. Add a value only together with its exit
// code and HTTP status mapping.
enum class StatusCode {
  kOk = 0,
  // Bad usage or bad input (exit 2): the caller can fix it by changing what
  // it passed in.
  kInvalidArgument,     // a malformed argument: URI, option value, identifier
  kParseError,          // outside input that does not follow its format
  kNotFound,            // a named record or file does not exist
  kAlreadyExists,       // a record with that identity is already stored
  kFailedPrecondition,  // the operation is not allowed in the current state
                        // (e.g. changing a released release)
  // Everything else (exit 3).
  kIoError,        // the file system or network failed
  kDatabaseError,  // the store failed or is unreachable
  kCorruption,     // stored data does not match its own checks
  kUnsupported,    // a valid request this build cannot serve (e.g. a newer schema)
  kInternal,       // a bug in soupkeeper
};

// Stable lower-case name of a code, e.g. "parse_error"; used in JSON output.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "<context>: <message>", used to add the
  // file name or record id as an error travels up.
  Status WithContext(std::string_view context) const;

  // "ok" or the message alone (the code is implied by the exit status).
  std::string ToString() const { return ok() ? "ok" : message_; }

  // Marks a status as deliberately not checked.
  void IgnoreError() const {}

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) {
  return Status(StatusCode::kInvalidArgument, std::move(m));
}
inline Status ParseError(std::string m) { return Status(StatusCode::kParseError, std::move(m)); }
inline Status NotFound(std::string m) { return Status(StatusCode::kNotFound, std::move(m)); }
inline Status AlreadyExists(std::string m) {
  return Status(StatusCode::kAlreadyExists, std::move(m));
}
inline Status FailedPrecondition(std::string m) {
  return Status(StatusCode::kFailedPrecondition, std::move(m));
}
inline Status IoError(std::string m) { return Status(StatusCode::kIoError, std::move(m)); }
inline Status DatabaseError(std::string m) {
  return Status(StatusCode::kDatabaseError, std::move(m));
}
inline Status Corruption(std::string m) { return Status(StatusCode::kCorruption, std::move(m)); }
inline Status Unsupported(std::string m) { return Status(StatusCode::kUnsupported, std::move(m)); }
inline Status Internal(std::string m) { return Status(StatusCode::kInternal, std::move(m)); }

// A value of type T, or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<T, Status>, "use Status directly");

 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}         // NOLINT
  Result(Status status) : v_(std::in_place_index<1>, std::move(status)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  // The status: Ok() when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<1>(v_); }

  // Access to the value; only valid when ok().
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The value, or `fallback` when there is none.
  T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }

 private:
  std::variant<T, Status> v_;
};

namespace internal {
inline Status AsStatus(const Status& s) { return s; }
template <typename T>
Status AsStatus(const Result<T>& r) {
  return r.status();
}
}  // namespace internal

}  // namespace soupkeeper

#define SK_CONCAT_INNER_(a, b) a##b
#define SK_CONCAT_(a, b) SK_CONCAT_INNER_(a, b)

// Returns from the enclosing function if `expr` (a Status or Result) failed.
#define SK_RETURN_IF_ERROR(expr)                                              \
  do {                                                                        \
    ::soupkeeper::Status sk_status_ = ::soupkeeper::internal::AsStatus(expr); \
    if (!sk_status_.ok()) return sk_status_;                                  \
  } while (0)

// Declares or assigns `lhs` from a Result expression, returning its status
// from the enclosing function on failure.
#define SK_ASSIGN_OR_RETURN(lhs, expr) \
  SK_ASSIGN_OR_RETURN_IMPL_(SK_CONCAT_(sk_result_, __LINE__), lhs, expr)
#define SK_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()

#endif  // SOUPKEEPER_STATUS_H_
