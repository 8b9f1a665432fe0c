// The "cran" scheme: R package versions (base::package_version), ordered as
// osv-scalibr's semantic package orders the OSV CRAN ecosystem.
//
// Grammar: [0-9]+([.-][0-9]+)*; '.' and '-' weigh the same (1.0-2 == 1.0.2).
// Order: numbers one by one with missing ones read as 0, then the version
// with more numbers ranks higher (0.1.0 < 0.1.0.0). Canonical(): the numbers
// without leading zeros joined by '.' (R's as.character(package_version)).
#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

using internal::NumberList;

struct CranVersion : ParsedVersion {
  std::string text;
  NumberList numbers;
};

class CranScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return "cran"; }
  std::string_view Description() const override {
    return "CRAN (R package_version): numbers separated by '.' or '-'";
  }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    auto v = std::make_unique<CranVersion>();
    v->text.assign(input);
    size_t end = internal::ParseNumberList(v->text, 0, ".-", &v->numbers);
    if (end == 0 || end != input.size()) return internal::UnexpectedAt("cran", input, end);
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& pa, const ParsedVersion& pb) const override {
    const auto& a = internal::As<CranVersion>(pa);
    const auto& b = internal::As<CranVersion>(pb);
    if (int c = internal::ComparePadded(a.text, a.numbers, b.text, b.numbers)) return c;
    return internal::Sign(static_cast<long>(a.numbers.size()) -
                          static_cast<long>(b.numbers.size()));
  }

  std::string Canonical(const ParsedVersion& pv) const override {
    const auto& v = internal::As<CranVersion>(pv);
    std::string out;
    for (size_t k = 0; k < v.numbers.size(); ++k) {
      if (k > 0) out += '.';
      out.append(v.numbers[k].In(v.text));
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewCranScheme() { return std::make_unique<CranScheme>(); }

}  // namespace soupkeeper::version
