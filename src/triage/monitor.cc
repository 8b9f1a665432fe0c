// triage::Monitor: re-evaluation of the monitored releases followed by the
// coverage of triage decisions (see soupkeeper/triage.h).
#include "soupkeeper/triage.h"

namespace soupkeeper::triage {

Result<std::vector<findings::Evaluation>> Monitor(store::Store& store, const store::Author& author,
                                                  std::string_view product,
                                                  std::string_view version,
                                                  const findings::EvaluateOptions& options) {
  Result<std::vector<findings::Evaluation>> evaluations = std::vector<findings::Evaluation>();
  if (version.empty()) {
    evaluations = findings::EvaluateAll(store, author, product, options);
  } else if (auto one = findings::Evaluate(store, author, product, version, options); one.ok()) {
    evaluations->push_back(std::move(*one));
  } else {
    evaluations = one.status();
  }
  if (!evaluations.ok()) return evaluations.status();
  // Decisions apply to the findings of the same component version and
  // vulnerability that appeared now.
  auto covered = Sync(store, author);
  if (!covered.ok()) return covered.status().WithContext("applying triage decisions");
  return evaluations;
}

}  // namespace soupkeeper::triage
