#include "support/corpus.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace soupkeeper::testing {

namespace fs = std::filesystem;

std::optional<fs::path> CorpusRoot() {
  const char* env = std::getenv("SOUPKEEPER_CORPUS");
  fs::path root = env != nullptr && *env != '\0'
                      ? fs::path(env)
                      : fs::path(SOUPKEEPER_SOURCE_DIR) / ".." / "shared" / "data";
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return std::nullopt;
  return fs::weakly_canonical(root, ec);
}

bool CorpusRequired() {
  const char* env = std::getenv("SOUPKEEPER_REQUIRE_CORPUS");
  return env != nullptr && std::string(env) == "1";
}

size_t CorpusStride() {
#if defined(__SANITIZE_ADDRESS__)
  return 8;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return 8;
#else
  return 1;
#endif
#else
  return 1;
#endif
}

std::string MissingCorpusMessage() {
  std::string msg =
      "\n*** CORPUS MISSING: conformance test not run. Set SOUPKEEPER_CORPUS to the shared "
      "data folder (default ../shared/data beside the source tree). ***\n";
  std::cerr << msg;
  return msg;
}

std::string ReadFileOrFail(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return "";
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return std::move(buf).str();
}

std::vector<fs::path> FilesBelow(const fs::path& dir, const std::string& suffix) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::string name = it->path().filename().string();
    if (name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(it->path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "soupkeeper-test-XXXXXX").string();
  char* made = ::mkdtemp(tmpl.data());
  path_ = made != nullptr ? fs::path(made) : fs::path();
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) fs::remove_all(path_, ec);
}

}  // namespace soupkeeper::testing

// RunCli lives here too: end-to-end tests of every concept use it.
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>

extern char** environ;

namespace soupkeeper::testing {

CliResult RunCli(const std::vector<std::string>& args, const std::string& input,
                 const std::vector<std::string>& env) {
  return RunProgram(SOUPKEEPER_BINARY, args, input, env);
}

CliResult RunProgram(const std::string& program, const std::vector<std::string>& args,
                     const std::string& input, const std::vector<std::string>& env) {
  CliResult result;
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0 || pipe(err_pipe) != 0) {
    ADD_FAILURE() << "pipe failed";
    return result;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
    posix_spawn_file_actions_addclose(&actions, fd);
  }
  std::vector<std::string> argv_store = {program};
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_store) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_store;
  for (char** e = environ; *e != nullptr; ++e) env_store.emplace_back(*e);
  env_store.insert(env_store.end(), env.begin(), env.end());
  std::vector<char*> envp;
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) {
    ADD_FAILURE() << "cannot run " << SOUPKEEPER_BINARY;
    close(in_pipe[1]);
    close(out_pipe[0]);
    close(err_pipe[0]);
    return result;
  }
  // Feed stdin and drain stdout/stderr together so neither pipe fills up.
  size_t written = 0;
  if (input.empty()) close(in_pipe[1]);
  fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
  bool in_open = !input.empty(), out_open = true, err_open = true;
  char buf[65536];
  while (out_open || err_open) {
    pollfd fds[3];
    int n = 0;
    int out_i = -1, err_i = -1, in_i = -1;
    if (out_open) fds[out_i = n++] = {out_pipe[0], POLLIN, 0};
    if (err_open) fds[err_i = n++] = {err_pipe[0], POLLIN, 0};
    if (in_open) fds[in_i = n++] = {in_pipe[1], POLLOUT, 0};
    if (poll(fds, n, -1) < 0) break;
    auto drain = [&](int i, int fd, std::string& sink, bool& open) {
      if (i < 0 || fds[i].revents == 0) return;
      ssize_t got = read(fd, buf, sizeof buf);
      if (got <= 0) {
        open = false;
        close(fd);
      } else {
        sink.append(buf, static_cast<size_t>(got));
      }
    };
    drain(out_i, out_pipe[0], result.out, out_open);
    drain(err_i, err_pipe[0], result.err, err_open);
    if (in_i >= 0 && fds[in_i].revents != 0) {
      ssize_t put = write(in_pipe[1], input.data() + written, input.size() - written);
      if (put > 0) written += static_cast<size_t>(put);
      if (put <= 0 || written == input.size()) {
        in_open = false;
        close(in_pipe[1]);
      }
    }
  }
  if (in_open) close(in_pipe[1]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace soupkeeper::testing

namespace soupkeeper::testing {

CliResult ValidateJsonSchema(const std::filesystem::path& schema,
                             const std::vector<std::filesystem::path>& documents,
                             const std::vector<std::filesystem::path>& ref_dirs) {
  std::vector<std::string> args = {SOUPKEEPER_SOURCE_DIR "/tests/support/validate_json_schema.py",
                                   schema.string()};
  for (const auto& dir : ref_dirs) {
    args.push_back("--refs");
    args.push_back(dir.string());
  }
  for (const auto& doc : documents) args.push_back(doc.string());
  return RunProgram("python3", args);
}

}  // namespace soupkeeper::testing
