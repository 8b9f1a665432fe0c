// Diagnostics: per-item problems that do not stop a run.
//
// One bad component in an SBOM, one unparsable advisory in a feed: the item is
// reported to a DiagnosticSink and the run goes on. Fatal problems are returned
// as a Status instead. Callers choose the sink: the CLI prints to stderr, tests
// collect, the server returns them with the response.
#ifndef SOUPKEEPER_DIAGNOSTICS_H_
#define SOUPKEEPER_DIAGNOSTICS_H_

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace soupkeeper {

enum class Severity { kInfo, kWarning, kError };

std::string_view SeverityName(Severity s);  // "info", "warning", "error"

struct Diagnostic {
  Severity severity = Severity::kWarning;
  std::string source;    // file name or URL the item came from
  std::string location;  // JSON pointer, "line N", or record id; may be empty
  std::string message;
  // A tolerated deviation: the input violates its format's specification
  // (a required field missing, an identifier of the wrong form), and was
  // read anyway because what it identifies is intact. Always a warning;
  // a validator reports the input as not conformant.
  bool deviation = false;

  // "source: location: message" with empty parts left out.
  std::string ToString() const;
};

class DiagnosticSink {
 public:
  virtual ~DiagnosticSink() = default;
  virtual void Report(Diagnostic d) = 0;
};

// Keeps every diagnostic; thread-safe.
class CollectingSink final : public DiagnosticSink {
 public:
  void Report(Diagnostic d) override;
  std::vector<Diagnostic> Take();
  size_t error_count() const;
  size_t size() const;

 private:
  mutable std::mutex mu_;
  std::vector<Diagnostic> items_;
};

// Drops everything; for callers that only want the outcome.
class NullSink final : public DiagnosticSink {
 public:
  void Report(Diagnostic) override {}
};

}  // namespace soupkeeper

#endif  // SOUPKEEPER_DIAGNOSTICS_H_
