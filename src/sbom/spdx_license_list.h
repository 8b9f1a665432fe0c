// The SPDX license and exception identifier lists, generated at build time
// from Debian's node-spdx-license-ids and node-spdx-exceptions packages
// (cmake/embed_spdx_lists.cmake). Each list is sorted in byte order.
#ifndef SOUPKEEPER_SRC_SBOM_SPDX_LICENSE_LIST_H_
#define SOUPKEEPER_SRC_SBOM_SPDX_LICENSE_LIST_H_

#include <span>
#include <string_view>

namespace soupkeeper::sbom::spdx_list {

std::span<const std::string_view> Licenses();            // current license ids
std::span<const std::string_view> DeprecatedLicenses();  // deprecated license ids
std::span<const std::string_view> Exceptions();          // exception ids

}  // namespace soupkeeper::sbom::spdx_list

#endif  // SOUPKEEPER_SRC_SBOM_SPDX_LICENSE_LIST_H_
