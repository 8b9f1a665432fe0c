// The "hackage" scheme: Haskell package versions (the Package Versioning
// Policy's A.B.C...), ordered as osv-scalibr's semantic package orders the
// OSV Hackage ecosystem.
//
// Grammar: an optional 'v', then [0-9]+(\.[0-9]+)*. Order: numbers compared
// one by one with missing ones read as 0, then the version with more numbers
// ranks higher (1.0 < 1.0.0, as Data.Version orders them). Canonical(): the
// numbers without leading zeros, without the 'v'.
#include "version/scheme_support.h"
#include "version/schemes.h"

namespace soupkeeper::version {
namespace {

using internal::NumberList;

struct HackageVersion : ParsedVersion {
  std::string text;
  NumberList numbers;
};

class HackageScheme : public VersionScheme {
 public:
  std::string_view Name() const override { return "hackage"; }
  std::string_view Description() const override {
    return "Hackage (Haskell PVP): dotted numbers, more numbers rank higher on a tie";
  }

  Result<std::unique_ptr<ParsedVersion>> Parse(std::string_view input) const override {
    auto v = std::make_unique<HackageVersion>();
    v->text.assign(input);
    size_t i = (!input.empty() && input[0] == 'v') ? 1 : 0;
    size_t end = internal::ParseNumberList(v->text, i, ".", &v->numbers);
    if (end == i || end != input.size()) return internal::UnexpectedAt("hackage", input, end);
    return std::unique_ptr<ParsedVersion>(std::move(v));
  }

  int Compare(const ParsedVersion& pa, const ParsedVersion& pb) const override {
    const auto& a = internal::As<HackageVersion>(pa);
    const auto& b = internal::As<HackageVersion>(pb);
    if (int c = internal::ComparePadded(a.text, a.numbers, b.text, b.numbers)) return c;
    return internal::Sign(static_cast<long>(a.numbers.size()) -
                          static_cast<long>(b.numbers.size()));
  }

  std::string Canonical(const ParsedVersion& pv) const override {
    const auto& v = internal::As<HackageVersion>(pv);
    std::string out;
    for (size_t k = 0; k < v.numbers.size(); ++k) {
      if (k > 0) out += '.';
      out.append(v.numbers[k].In(v.text));
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<VersionScheme> NewHackageScheme() { return std::make_unique<HackageScheme>(); }

}  // namespace soupkeeper::version
