// FIRST EPSS CSV importer: the optional comment line
//   #model_version:v2023.03.01,score_date:2023-03-22T00:00:00+0000
// then the header `cve,epss,percentile` and one line per CVE. Scores and
// percentiles must be numbers in 0..1. A bad line is reported with its line
// number and skipped. The record hash is over the line, the score date and
// the model version, so a new day's unchanged score still updates the date.
#include <charconv>
#include <cstdlib>

#include "soupkeeper/hash.h"
#include "vuln/importers.h"
#include "vuln/json_support.h"

namespace soupkeeper::vuln {
namespace {

std::optional<double> UnitNumber(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::string s(text);
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !(d >= 0.0 && d <= 1.0)) return std::nullopt;
  return d;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.remove_suffix(1);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s;
}

void LineError(DiagnosticSink& sink, const std::string& source, size_t line, std::string message) {
  sink.Report({Severity::kError, source, "line " + std::to_string(line),
               std::move(message) + "; line skipped"});
}

class EpssImporter final : public FeedImporter {
 public:
  std::string_view Name() const override { return "epss"; }

  bool Identify(std::string_view bytes) const override {
    std::string_view head = Head(bytes, 64);
    return head.rfind("#model_version", 0) == 0 || head.rfind("cve,epss,percentile", 0) == 0;
  }

  Status Decode(std::string_view bytes, const std::string& source_name, const RecordFn& emit,
                DiagnosticSink& sink) const override {
    std::string model_version, score_date;
    bool header = false;
    size_t line_no = 0;
    size_t pos = 0;
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
    while (pos < bytes.size()) {
      size_t end = bytes.find('\n', pos);
      if (end == std::string_view::npos) end = bytes.size();
      std::string_view line = Trim(bytes.substr(pos, end - pos));
      pos = end + 1;
      ++line_no;
      if (line.empty()) continue;
      if (line[0] == '#') {
        // #model_version:v2023.03.01,score_date:2023-03-22T00:00:00+0000
        std::string_view rest = line.substr(1);
        while (!rest.empty()) {
          size_t comma = rest.find(',');
          std::string_view field = rest.substr(0, comma);
          size_t colon = field.find(':');
          if (colon != std::string_view::npos) {
            std::string_view key = field.substr(0, colon), value = field.substr(colon + 1);
            if (key == "model_version") model_version = std::string(value);
            if (key == "score_date") score_date = std::string(value.substr(0, 10));
          }
          if (comma == std::string_view::npos) break;
          rest.remove_prefix(comma + 1);
        }
        if (!score_date.empty() && !NormalizeTime(score_date)) {
          return ParseError(source_name + ": line " + std::to_string(line_no) +
                            ": score_date is not a date: \"" + score_date + "\"");
        }
        continue;
      }
      if (!header) {
        if (line.rfind("cve,epss,percentile", 0) != 0) {
          return ParseError(source_name + ": line " + std::to_string(line_no) +
                            ": expected the header \"cve,epss,percentile\"");
        }
        header = true;
        continue;
      }
      size_t c1 = line.find(',');
      size_t c2 = c1 == std::string_view::npos ? c1 : line.find(',', c1 + 1);
      if (c2 == std::string_view::npos) {
        LineError(sink, source_name, line_no, "expected cve,epss,percentile");
        continue;
      }
      std::string_view cve = line.substr(0, c1);
      std::optional<double> score = UnitNumber(line.substr(c1 + 1, c2 - c1 - 1));
      std::optional<double> percentile = UnitNumber(line.substr(c2 + 1));
      if (cve.rfind("CVE-", 0) != 0) {
        LineError(sink, source_name, line_no, "not a CVE id: \"" + std::string(cve) + "\"");
        continue;
      }
      if (!score || !percentile) {
        LineError(sink, source_name, line_no,
                  std::string(cve) + ": epss and percentile must be numbers from 0 to 1");
        continue;
      }
      Vulnerability v;
      v.id = std::string(cve);
      Epss e;
      e.score = *score;
      e.percentile = *percentile;
      e.date = score_date;
      e.model_version = model_version;
      v.epss = e;
      v.provenance.source = "epss";
      v.provenance.source_id = v.id;
      v.provenance.source_modified = score_date.empty() ? "" : *NormalizeTime(score_date);
      v.provenance.location = source_name + "#line " + std::to_string(line_no);
      v.provenance.sha256 = Sha256Hex(std::string(line) + "\n" + score_date + "\n" + model_version);
      SK_RETURN_IF_ERROR(emit(std::move(v)));
    }
    if (!header) return ParseError(source_name + ": no \"cve,epss,percentile\" header");
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<FeedImporter> NewEpssImporter() { return std::make_unique<EpssImporter>(); }

}  // namespace soupkeeper::vuln
