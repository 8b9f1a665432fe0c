// HttpPost: one HTTP POST through the libcurl client of Env (src/core/env.cc),
// with the rules of Env::HttpGet: a response with any status code is a
// success; only a failure to get one (DNS, connection, TLS, timeout) is an
// IoError. Used by webhook notifications (soupkeeper/notify.h).
//
// Example:
//   SK_ASSIGN_OR_RETURN(HttpResponse r, HttpPost({url, {{"Content-Type", "application/json"}}},
//   body));
#ifndef SOUPKEEPER_HTTP_H_
#define SOUPKEEPER_HTTP_H_

#include <string_view>

#include "soupkeeper/env.h"
#include "soupkeeper/status.h"

namespace soupkeeper {

Result<HttpResponse> HttpPost(const HttpRequest& request, std::string_view body);

}  // namespace soupkeeper

#endif  // SOUPKEEPER_HTTP_H_
