// The one place where a Status becomes an exit code.
#include <iostream>

#include "command.h"

namespace soupkeeper::cli {

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidArgument:
    case StatusCode::kParseError:
    case StatusCode::kNotFound:
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
      return kExitBadInput;
    case StatusCode::kIoError:
    case StatusCode::kDatabaseError:
    case StatusCode::kCorruption:
    case StatusCode::kUnsupported:
    case StatusCode::kInternal:
      return kExitOtherError;
  }
  return kExitOtherError;
}

int Fail(const Status& status) {
  std::cerr << "soupkeeper: " << status.message() << "\n";
  return ExitCodeFor(status);
}

void PrintJsonLine(const nlohmann::json& value) { std::cout << value.dump() << "\n"; }

}  // namespace soupkeeper::cli
