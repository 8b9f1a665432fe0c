// The real Env (POSIX files, system clock, libcurl) and the in-memory MemEnv.
#include "soupkeeper/env.h"

#include <curl/curl.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "core/text.h"
#include "soupkeeper/http.h"

namespace soupkeeper {
namespace {

namespace fs = std::filesystem;

size_t CurlWriteBody(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t CurlWriteHeader(char* data, size_t size, size_t n, void* user) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(user);
  std::string_view line(data, size * n);
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    text::AsciiLowerInPlace(&name);
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front())))
      value.remove_prefix(1);
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back())))
      value.remove_suffix(1);
    (*headers)[name] = std::string(value);
  }
  return size * n;
}

// GET, or POST of `body` when given.
Result<HttpResponse> CurlSend(const HttpRequest& request, const std::string_view* body) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return Internal("cannot initialise libcurl");
  HttpResponse response;
  curl_slist* header_list = nullptr;
  for (const auto& [name, value] : request.headers) {
    header_list = curl_slist_append(header_list, (name + ": " + value).c_str());
  }
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "soupkeeper/" SOUPKEEPER_VERSION);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, CurlWriteBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, CurlWriteHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (body != nullptr) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  }
  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(header_list);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    return IoError(request.url + ": " + curl_easy_strerror(rc));
  }
  response.status = static_cast<int>(status);
  return response;
}

class PosixEnv final : public Env {
 public:
  Result<std::string> ReadFile(const std::string& path) override {
    std::error_code ec;
    if (!fs::exists(path, ec)) return NotFound(path + ": no such file");
    if (fs::is_directory(path, ec)) return InvalidArgument(path + ": is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) return IoError(path + ": cannot open for reading");
    // Read into one string sized from the file's size (a stream buffer
    // grows by copying: an 80 MB feed archive was copied several times).
    std::string data;
    std::uintmax_t size = fs::file_size(path, ec);
    // With room after the bytes for parsers that read past the end
    // (simdjson's padding; sbom::Input), which then need no copy.
    if (!ec) data.reserve(size + 64);
    char buf[1 << 16];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
      data.append(buf, static_cast<size_t>(in.gcount()));
    }
    if (in.bad()) return IoError(path + ": read failed");
    return data;
  }

  Status WriteFile(const std::string& path, std::string_view data) override {
    std::string tmp = path + ".tmp." + std::to_string(::getpid());
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) return IoError(path + ": cannot open for writing");
      out.write(data.data(), static_cast<std::streamsize>(data.size()));
      out.flush();
      if (!out) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        return IoError(path + ": write failed");
      }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
      fs::remove(tmp, ec);
      return IoError(path + ": cannot replace: " + ec.message());
    }
    return Status::Ok();
  }

  bool FileExists(const std::string& path) override {
    std::error_code ec;
    return fs::exists(path, ec);
  }

  bool IsDirectory(const std::string& path) override {
    std::error_code ec;
    return fs::is_directory(path, ec);
  }

  Result<std::vector<std::string>> ListDirectory(const std::string& path) override {
    std::error_code ec;
    std::vector<std::string> names;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      names.push_back(it->path().filename().string());
    }
    if (ec) return IoError(path + ": " + ec.message());
    std::sort(names.begin(), names.end());
    return names;
  }

  Status CreateDirectories(const std::string& path) override {
    std::error_code ec;
    fs::create_directories(path, ec);
    if (ec) return IoError(path + ": " + ec.message());
    return Status::Ok();
  }

  TimePoint Now() override {
    return std::chrono::time_point_cast<std::chrono::microseconds>(Clock::now());
  }

  std::optional<std::string> GetVariable(const std::string& name) override {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  }

  std::string UserName() override {
    if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_name != nullptr) {
      return pw->pw_name;
    }
    if (auto user = GetVariable("USER")) return *user;
    return "unknown";
  }

  Result<HttpResponse> HttpGet(const HttpRequest& request) override {
    return CurlSend(request, nullptr);
  }
};

}  // namespace

Env* Env::Default() {
  static PosixEnv* env = new PosixEnv();
  return env;
}

MemEnv::MemEnv(TimePoint now) : now_(now) {}

Result<std::string> MemEnv::ReadFile(const std::string& path) {
  auto it = files_.find(path);
  if (it == files_.end()) return NotFound(path + ": no such file");
  return it->second;
}

Status MemEnv::WriteFile(const std::string& path, std::string_view data) {
  files_[path] = std::string(data);
  return Status::Ok();
}

bool MemEnv::FileExists(const std::string& path) {
  return files_.count(path) > 0 || IsDirectory(path);
}

bool MemEnv::IsDirectory(const std::string& path) {
  std::string prefix = path.empty() || path.back() == '/' ? path : path + "/";
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

Result<std::vector<std::string>> MemEnv::ListDirectory(const std::string& path) {
  if (!IsDirectory(path)) return NotFound(path + ": no such directory");
  std::string prefix = path.back() == '/' ? path : path + "/";
  std::vector<std::string> names;
  for (auto it = files_.lower_bound(prefix);
       it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    std::string rest = it->first.substr(prefix.size());
    std::string name = rest.substr(0, rest.find('/'));
    if (names.empty() || names.back() != name) names.push_back(name);
  }
  return names;
}

Status MemEnv::CreateDirectories(const std::string&) { return Status::Ok(); }

std::optional<std::string> MemEnv::GetVariable(const std::string& name) {
  auto it = vars_.find(name);
  if (it == vars_.end()) return std::nullopt;
  return it->second;
}

Result<HttpResponse> MemEnv::HttpGet(const HttpRequest& request) {
  return CurlSend(request, nullptr);
}

Result<HttpResponse> HttpPost(const HttpRequest& request, std::string_view body) {
  return CurlSend(request, &body);
}

}  // namespace soupkeeper
