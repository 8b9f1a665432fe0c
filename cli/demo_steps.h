// The steps of `soupkeeper demo`, in order. Each capability contributes its
// steps in cli/demo_steps.cc; a step prints what it did and where its outputs
// are, and returns a failing Status to stop the demo.
#ifndef SOUPKEEPER_CLI_DEMO_STEPS_H_
#define SOUPKEEPER_CLI_DEMO_STEPS_H_

#include <filesystem>
#include <ostream>
#include <vector>

#include "command.h"

namespace soupkeeper::cli {

struct DemoRun {
  Context& ctx;
  std::filesystem::path workspace;
  std::ostream& out;
};

struct DemoStep {
  const char* title;
  Status (*run)(DemoRun& run);
};

const std::vector<DemoStep>& DemoSteps();

}  // namespace soupkeeper::cli

#endif  // SOUPKEEPER_CLI_DEMO_STEPS_H_
