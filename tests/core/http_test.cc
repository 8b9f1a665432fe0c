// Env::HttpGet against a real HTTP server on loopback (never the internet).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "soupkeeper/env.h"

namespace soupkeeper {
namespace {

class LoopbackServer {
 public:
  LoopbackServer() {
    server_.Get("/kev.json", [](const httplib::Request& req, httplib::Response& res) {
      res.set_header("ETag", "\"v1\"");
      res.set_content("{\"catalogVersion\":\"" + req.get_header_value("X-Test") + "\"}",
                      "application/json");
    });
    server_.Get("/moved", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("/kev.json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~LoopbackServer() {
    server_.stop();
    thread_.join();
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

TEST(HttpGet, FetchesBodyHeadersAndFollowsRedirects) {
  LoopbackServer server;
  HttpRequest req{server.Url("/moved"), {{"X-Test", "2025.08.25"}}, std::chrono::seconds(10)};
  auto resp = Env::Default()->HttpGet(req);
  ASSERT_TRUE(resp.ok()) << resp.status().message();
  EXPECT_EQ(resp->status, 200);
  EXPECT_EQ(resp->body, "{\"catalogVersion\":\"2025.08.25\"}");
  EXPECT_EQ(resp->headers["etag"], "\"v1\"");
}

TEST(HttpGet, NotFoundIsAResponseNotAnError) {
  LoopbackServer server;
  auto resp = Env::Default()->HttpGet({server.Url("/missing"), {}, std::chrono::seconds(10)});
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(resp->status, 404);
}

TEST(HttpGet, ConnectionRefusedIsIoError) {
  // A port that was free a moment ago and has no listener now.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  ::close(fd);
  int port = ntohs(addr.sin_port);
  auto resp = Env::Default()->HttpGet(
      {"http://127.0.0.1:" + std::to_string(port) + "/", {}, std::chrono::seconds(5)});
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), StatusCode::kIoError);
  EXPECT_NE(resp.status().message().find("127.0.0.1"), std::string::npos);
}

}  // namespace
}  // namespace soupkeeper
