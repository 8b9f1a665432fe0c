// The demo's steps, one function each, in the order a user would work.
#include "demo_steps.h"

namespace soupkeeper::cli {
namespace {

Status ShowVersion(DemoRun& run) {
  run.out << "soupkeeper " SOUPKEEPER_VERSION "\n";
  return Status::Ok();
}

}  // namespace

const std::vector<DemoStep>& DemoSteps() {
  static const std::vector<DemoStep> steps = {
      {"soupkeeper version", ShowVersion},
  };
  return steps;
}

}  // namespace soupkeeper::cli
