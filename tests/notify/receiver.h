// A webhook receiver on loopback for the notification tests, and HMAC-SHA256
// computed through OpenSSL's EVP_MAC interface (not the code under test).
#ifndef SOUPKEEPER_TESTS_NOTIFY_RECEIVER_H_
#define SOUPKEEPER_TESTS_NOTIFY_RECEIVER_H_

#include <gtest/gtest.h>
#include <httplib.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace soupkeeper::testing {

struct Received {
  std::string body;
  std::string signature, content_type;
};

// Records the POSTs to /hook; answers with the statuses of `statuses` in
// turn (200 once they are used up).
class Receiver {
 public:
  ~Receiver() { Stop(); }
  void Start(int port = 0) {
    server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      received_.push_back({req.body, req.get_header_value("X-Soupkeeper-Signature"),
                           req.get_header_value("Content-Type")});
      res.status = statuses_.empty() ? 200 : statuses_.front();
      if (!statuses_.empty()) statuses_.erase(statuses_.begin());
    });
    if (port == 0) {
      port_ = server_.bind_to_any_port("127.0.0.1");
    } else {
      ASSERT_TRUE(server_.bind_to_port("127.0.0.1", port));
      port_ = port;
    }
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void Stop() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  int port() const { return port_; }
  void Answer(std::vector<int> statuses) { statuses_ = std::move(statuses); }
  std::vector<Received> Take() {
    std::lock_guard<std::mutex> lock(mu_);
    return std::exchange(received_, {});
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<Received> received_;
  std::vector<int> statuses_;
};

inline std::string Hmac(const std::string& key, const std::string& data) {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("digest", digest, 0),
                         OSSL_PARAM_construct_end()};
  EVP_MAC_init(ctx, reinterpret_cast<const unsigned char*>(key.data()), key.size(), params);
  EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  unsigned char out[32];
  size_t len = 0;
  EVP_MAC_final(ctx, out, &len, sizeof(out));
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(mac);
  static const char* kHex = "0123456789abcdef";
  std::string hex;
  for (size_t i = 0; i < len; ++i) {
    hex += kHex[out[i] >> 4];
    hex += kHex[out[i] & 15];
  }
  return hex;
}

}  // namespace soupkeeper::testing

#endif  // SOUPKEEPER_TESTS_NOTIFY_RECEIVER_H_
