// Env: everything soupkeeper takes from the world outside its own memory.
//
// Files, the clock, environment variables, the user name and HTTP fetching go
// through one interface, so that tests run on an in-memory environment with a
// fixed clock (MemEnv) and a local HTTP server on loopback, never the internet.
// The store is the one exception: it opens its database itself, because SQLite
// and libpq own their I/O.
//
// Env::Default() is the real operating system; it is created once and lives
// for the process.
#ifndef SOUPKEEPER_ENV_H_
#define SOUPKEEPER_ENV_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "soupkeeper/status.h"

namespace soupkeeper {

using Clock = std::chrono::system_clock;
using TimePoint = std::chrono::time_point<Clock, std::chrono::microseconds>;

struct HttpRequest {
  std::string url;
  std::map<std::string, std::string> headers;
  std::chrono::milliseconds timeout{60000};
};

struct HttpResponse {
  int status = 0;                              // HTTP status code
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

class Env {
 public:
  virtual ~Env() = default;

  // The process-wide real environment.
  static Env* Default();

  // Reads a whole file. NotFound when it does not exist, IoError otherwise.
  // The default Env leaves 64 bytes of spare capacity after the contents,
  // so parsers that read past the end (sbom::Input) need no copy.
  virtual Result<std::string> ReadFile(const std::string& path) = 0;
  // Writes a whole file atomically (temporary file, then rename), so a reader
  // sees the old or the new contents, never a mix.
  virtual Status WriteFile(const std::string& path, std::string_view data) = 0;
  virtual bool FileExists(const std::string& path) = 0;
  virtual bool IsDirectory(const std::string& path) = 0;
  // Names (not paths) of the entries of a directory, sorted.
  virtual Result<std::vector<std::string>> ListDirectory(const std::string& path) = 0;
  // Creates a directory and its parents; succeeds if it exists.
  virtual Status CreateDirectories(const std::string& path) = 0;

  // Current time, UTC, microsecond precision.
  virtual TimePoint Now() = 0;

  // Value of an environment variable, if set.
  virtual std::optional<std::string> GetVariable(const std::string& name) = 0;
  // Login name of the user running the process ("unknown" if none).
  virtual std::string UserName() = 0;

  // One HTTP GET. A response with any status code is a success here; only a
  // failure to get a response (DNS, connection, TLS, timeout) is an IoError.
  virtual Result<HttpResponse> HttpGet(const HttpRequest& request) = 0;
};

// An Env for tests: files in memory, a clock that moves only when told,
// variables from a map. HTTP goes to the real network stack (tests point it at
// a server on loopback).
class MemEnv final : public Env {
 public:
  explicit MemEnv(TimePoint now);

  Result<std::string> ReadFile(const std::string& path) override;
  Status WriteFile(const std::string& path, std::string_view data) override;
  bool FileExists(const std::string& path) override;
  bool IsDirectory(const std::string& path) override;
  Result<std::vector<std::string>> ListDirectory(const std::string& path) override;
  Status CreateDirectories(const std::string& path) override;
  TimePoint Now() override { return now_; }
  std::optional<std::string> GetVariable(const std::string& name) override;
  std::string UserName() override { return user_; }
  Result<HttpResponse> HttpGet(const HttpRequest& request) override;

  void SetNow(TimePoint t) { now_ = t; }
  void Advance(std::chrono::microseconds d) { now_ += d; }
  void SetVariable(const std::string& name, const std::string& value) { vars_[name] = value; }
  void SetUserName(std::string user) { user_ = std::move(user); }

 private:
  TimePoint now_;
  std::string user_ = "test-user";
  std::map<std::string, std::string> files_;
  std::map<std::string, std::string> vars_;
};

// Formats a time as RFC 3339 UTC with a 'Z' suffix: "2026-11-22T06:36:46Z"
// (microseconds are written only when not zero: "...46.000123Z").
std::string FormatTime(TimePoint t);
// Parses RFC 3339 / ISO 8601 date-times ("2024-01-02T03:04:05Z",
// "2024-01-02T03:04:05.123+02:00", "2024-01-02T03:04:05" taken as UTC) and
// plain dates ("2024-01-02", midnight UTC).
Result<TimePoint> ParseTime(std::string_view text);
// Ok when `date` is YYYY-MM-DD and a real calendar day; otherwise
// kInvalidArgument "invalid <what> '<date>': <why> (expected YYYY-MM-DD)",
// e.g. "invalid release date '2026-02-30': day 30 does not exist (expected YYYY-MM-DD)".
Status ValidateDate(std::string_view what, std::string_view date);

}  // namespace soupkeeper

#endif  // SOUPKEEPER_ENV_H_
