// Status helpers and the Diagnostic sinks.
#include "soupkeeper/status.h"

#include "soupkeeper/diagnostics.h"

namespace soupkeeper {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kParseError:
      return "parse_error";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kAlreadyExists:
      return "already_exists";
    case StatusCode::kFailedPrecondition:
      return "failed_precondition";
    case StatusCode::kIoError:
      return "io_error";
    case StatusCode::kDatabaseError:
      return "database_error";
    case StatusCode::kCorruption:
      return "corruption";
    case StatusCode::kUnsupported:
      return "unsupported";
    case StatusCode::kInternal:
      return "internal";
  }
  return "internal";
}

Status Status::WithContext(std::string_view context) const {
  if (ok() || context.empty()) return *this;
  return Status(code_, std::string(context) + ": " + message_);
}

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "error";
}

std::string Diagnostic::ToString() const {
  std::string out;
  for (const std::string* part : {&source, &location, &message}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ": ";
    out += *part;
  }
  return out;
}

void CollectingSink::Report(Diagnostic d) {
  std::lock_guard<std::mutex> lock(mu_);
  items_.push_back(std::move(d));
}

std::vector<Diagnostic> CollectingSink::Take() {
  std::lock_guard<std::mutex> lock(mu_);
  return std::exchange(items_, {});
}

size_t CollectingSink::error_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  size_t n = 0;
  for (const Diagnostic& d : items_) n += d.severity == Severity::kError;
  return n;
}

size_t CollectingSink::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return items_.size();
}

}  // namespace soupkeeper
