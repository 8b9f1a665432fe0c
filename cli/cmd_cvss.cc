// `soupkeeper cvss score VECTOR...`: parses and scores CVSS 2.0, 3.0, 3.1 and
// 4.0 vectors.
//
// Prints one JSON object a line (the default for this command):
//   2.0 / 3.x: {"version","vector","base_score","base_severity"} plus
//              "temporal_score"/"temporal_severity" and
//              "environmental_score"/"environmental_severity" when the
//              vector sets such metrics;
//   4.0:       {"version","vector","score","severity","nomenclature"}.
// "vector" is the vector in its specification's metric order. With
// `--format text`, one short line a vector. An invalid vector fails the
// command with exit code 2 before anything is printed.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "command.h"
#include "soupkeeper/cvss.h"

namespace soupkeeper::cli {
namespace {

nlohmann::json ScoresJson(const cvss::Vector& vector, const cvss::Scores& s) {
  nlohmann::json out;
  out["version"] = cvss::VersionName(s.version);
  out["vector"] = vector.ToString();
  if (s.nomenclature) {
    out["score"] = s.base.value;
    out["severity"] = cvss::RatingName(s.base.rating);
    out["nomenclature"] = cvss::NomenclatureName(*s.nomenclature);
    return out;
  }
  out["base_score"] = s.base.value;
  out["base_severity"] = cvss::RatingName(s.base.rating);
  if (s.has_temporal_metrics) {
    out["temporal_score"] = s.temporal->value;
    out["temporal_severity"] = cvss::RatingName(s.temporal->rating);
  }
  if (s.has_environmental_metrics) {
    out["environmental_score"] = s.environmental->value;
    out["environmental_severity"] = cvss::RatingName(s.environmental->rating);
  }
  return out;
}

// "CVSS 3.1 base 7.5 High, temporal 7.0 High" / "CVSS 4.0 CVSS-BT 9.1 Critical"
std::string ScoresText(const cvss::Scores& s) {
  auto score = [](const cvss::Score& sc) {
    return fmt::format("{:.1f} {}", sc.value, cvss::RatingName(sc.rating));
  };
  std::string line = fmt::format("CVSS {} ", cvss::VersionName(s.version));
  if (s.nomenclature)
    return line + fmt::format("{} {}", cvss::NomenclatureName(*s.nomenclature), score(s.base));
  line += "base " + score(s.base);
  if (s.has_temporal_metrics) line += ", temporal " + score(*s.temporal);
  if (s.has_environmental_metrics) line += ", environmental " + score(*s.environmental);
  return line;
}

int RunScore(const Context& ctx, bool text, const std::vector<std::string>& texts) {
  if (Status format = CheckTextOrJson(ctx, "cvss score"); !format.ok()) return Fail(format);
  std::vector<std::pair<cvss::Vector, cvss::Scores>> results;
  for (const std::string& t : texts) {
    auto vector = cvss::Parse(t);
    if (!vector.ok()) return Fail(vector.status().WithContext(t));
    results.emplace_back(*vector, cvss::Calculate(*vector));
  }
  for (const auto& [vector, scores] : results) {
    if (text) {
      std::cout << ScoresText(scores) << "\n";
    } else {
      PrintJsonLine(ScoresJson(vector, scores));
    }
  }
  return kExitOk;
}

}  // namespace

void AddCvssCommands(CLI::App& app, Context& ctx) {
  auto* cvss = app.add_subcommand("cvss", "CVSS vectors: parse and score (2.0, 3.0, 3.1, 4.0)");
  cvss->require_subcommand(1);
  auto* score = cvss->add_subcommand(
      "score", "Score CVSS vectors; prints JSON (one object a line) unless --format text");
  auto vectors = std::make_shared<std::vector<std::string>>();
  score
      ->add_option("VECTOR", *vectors,
                   "CVSS vector, e.g. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N")
      ->required();
  // JSON is this command's default: text only when --format text is given.
  const CLI::Option* format = app.get_option_no_throw("--format");
  score->callback([&ctx, vectors, format] {
    bool text = format != nullptr && format->count() > 0 && ctx.format == "text";
    ctx.action = [&ctx, vectors, text] { return RunScore(ctx, text, *vectors); };
  });
}

}  // namespace soupkeeper::cli
