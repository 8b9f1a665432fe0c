// portfolio_setup: stores a portfolio of releases in a soupkeeper database
// that already holds a knowledge base, for the re-evaluation timing of issue
// 6 (bench/portfolio.sh, docs/parts/scale.md). Creating thousands of releases
// through the CLI would start a process per release; this does what
// `release add` does (release::Add, then triage::Monitor of the new release,
// its first full evaluation) in one process.
//
//   portfolio_setup DB [--products P] [--releases N] [--components K] [--packages N]
//
// Adds products scale-product-0 .. P-1 (default 50) and N releases (default
// 5,000) spread evenly over them, each with a CycloneDX SBOM of K components
// (default 1,000) from bench/scale_sbom.h: release r of a product has the
// product's components with every twentieth minor version changed by r, so
// releases of a product share most of their components, as real ones do.
// --packages must be the scale_gen run's. Prints a progress line every 50
// releases and the total open findings. Exit 1 on the first error.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

#include "scale_sbom.h"
#include "soupkeeper/env.h"
#include "soupkeeper/product.h"
#include "soupkeeper/release.h"
#include "soupkeeper/store.h"
#include "soupkeeper/triage.h"

namespace {

using namespace soupkeeper;

struct Options {
  std::string db;
  int products = 50, releases = 5000, components = 1000, packages = 20000;
};

Status Setup(const Options& o) {
  SK_ASSIGN_OR_RETURN(auto store, store::Store::Open(o.db, Env::Default()));
  const store::Author author{"portfolio_setup", "scale benchmark portfolio"};
  for (int q = 0; q < o.products; ++q) {
    product::Product p;
    p.name = "scale-product-" + scale::Num(q);
    SK_RETURN_IF_ERROR(product::Add(*store, author, p).status());
  }
  const auto start = std::chrono::steady_clock::now();
  int64_t open = 0;
  for (int r = 0; r < o.releases; ++r) {
    const int q = r % o.products;
    const int variant = r / o.products;
    release::NewRelease nr;
    nr.product = "scale-product-" + scale::Num(q);
    nr.version = "1." + scale::Num(variant) + ".0";
    nr.sbom_bytes = scale::SbomText(o.components, o.packages, 7919u * (q + 1), variant,
                                    1000000LL * (q + 1) + variant);
    nr.sbom_source = nr.product + "-" + nr.version + ".cdx.json";
    NullSink sink;
    SK_RETURN_IF_ERROR(release::Add(*store, author, nr, sink).status());
    SK_ASSIGN_OR_RETURN(auto evaluations,
                        triage::Monitor(*store, author, nr.product, nr.version, {}));
    open += evaluations.front().open;
    if ((r + 1) % 50 == 0 || r + 1 == o.releases) {
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
      std::cout << r + 1 << " releases, " << open << " open findings, " << elapsed.count() << " s"
                << std::endl;
    }
  }
  return Status::Ok();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc % 2 != 0) {
    std::cerr << "usage: portfolio_setup DB [--products P] [--releases N] [--components K] "
                 "[--packages N]\n";
    return 2;
  }
  Options o;
  o.db = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const int value = std::max(1, std::atoi(argv[i + 1]));
    if (flag == "--products") {
      o.products = value;
    } else if (flag == "--releases") {
      o.releases = value;
    } else if (flag == "--components") {
      o.components = value;
    } else if (flag == "--packages") {
      o.packages = value;
    } else {
      std::cerr << "portfolio_setup: unknown option " << flag << "\n";
      return 2;
    }
  }
  Status s = Setup(o);
  if (!s.ok()) {
    std::cerr << "portfolio_setup: " << s.ToString() << "\n";
    return 1;
  }
  return 0;
}
