// `soupkeeper range ...`: version ranges from scripts.
//
//   range contains RANGE VERSION   prints true or false (RANGE in vers syntax)
//   range normalize RANGE          prints the canonical vers
//   range from-native TYPE NATIVE  converts an ecosystem's own range syntax
//
// RANGE must be canonical vers unless --lenient is given; a malformed range
// or version exits 2 with the message naming the offset.
#include <iostream>
#include <memory>
#include <string>

#include "command.h"
#include "soupkeeper/range.h"

namespace soupkeeper::cli {
namespace {

struct RangeArgs {
  std::string range;
  std::string version;
  std::string type;
  std::string native;
  bool lenient = false;
  bool flat = false;
};

Result<range::VersRange> ReadRange(const RangeArgs& a) {
  return a.lenient ? range::VersRange::ParseLenient(a.range) : range::VersRange::Parse(a.range);
}

int RunContains(const Context& ctx, const RangeArgs& a) {
  auto r = ReadRange(a);
  if (!r.ok()) return Fail(r.status());
  auto parsed = r->scheme().Parse(a.version);
  if (!parsed.ok()) return Fail(parsed.status().WithContext("VERSION"));
  bool in = r->Contains(**parsed);
  if (ctx.json()) {
    PrintJsonLine({{"range", a.range}, {"version", a.version}, {"contains", in}});
  } else {
    std::cout << (in ? "true" : "false") << "\n";
  }
  return kExitOk;
}

int RunNormalize(const Context& ctx, const RangeArgs& a) {
  auto r = range::VersRange::ParseLenient(a.range);
  if (!r.ok()) return Fail(r.status());
  std::string canonical = r->Canonical();
  if (ctx.json()) {
    PrintJsonLine({{"range", a.range}, {"canonical", canonical}});
  } else {
    std::cout << canonical << "\n";
  }
  return kExitOk;
}

int RunFromNative(const Context& ctx, const RangeArgs& a) {
  auto n = range::ParseNative(a.type, a.native);
  if (!n.ok()) return Fail(n.status());
  std::string out;
  if (a.flat) {
    auto flat = n->FlatVers();
    if (!flat.ok()) return Fail(flat.status());
    out = *flat;
  } else {
    auto r = n->ToVers();
    if (!r.ok()) return Fail(r.status());
    out = r->Canonical();
  }
  if (ctx.json()) {
    PrintJsonLine({{"type", a.type}, {"native", a.native}, {"vers", out}});
  } else {
    std::cout << out << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddRangeCommands(CLI::App& app, Context& ctx) {
  auto* group =
      app.add_subcommand("range", "Version ranges in vers syntax (vers:npm/>=1.0.0|<2.0.0)");
  group->require_subcommand(1);
  auto args = std::make_shared<RangeArgs>();

  auto* contains =
      group->add_subcommand("contains", "Print true if VERSION lies in RANGE, else false");
  contains->add_option("RANGE", args->range, "A vers, e.g. vers:pypi/>=1.0|<2.0")->required();
  contains->add_option("VERSION", args->version, "A version of the range's scheme")->required();
  contains->add_flag("--lenient", args->lenient,
                     "Accept non-canonical vers (spaces, unsorted constraints, '=')");
  contains->callback(
      [&ctx, args] { ctx.action = [&ctx, args] { return RunContains(ctx, *args); }; });

  auto* normalize = group->add_subcommand("normalize", "Print the canonical, simplified vers");
  normalize->add_option("RANGE", args->range, "A vers (canonical or not)")->required();
  normalize->callback(
      [&ctx, args] { ctx.action = [&ctx, args] { return RunNormalize(ctx, *args); }; });

  auto* from_native =
      group->add_subcommand("from-native", "Convert an ecosystem's native range to a vers");
  from_native
      ->add_option("TYPE", args->type,
                   "npm, pypi, gem, nuget, maven, composer, golang, conan, openssl or nginx")
      ->required();
  from_native->add_option("NATIVE", args->native, "The native range, e.g. \"^1.2.0 || 2.x\"")
      ->required();
  from_native->add_flag("--flat", args->flat,
                        "Print every constraint in one sorted list, as univers does, instead of "
                        "the canonical union");
  from_native->callback(
      [&ctx, args] { ctx.action = [&ctx, args] { return RunFromNative(ctx, *args); }; });
}

}  // namespace soupkeeper::cli
