// sbom::Arena (sbom_text.h): blocks filled in turn.
#include <algorithm>

#include "soupkeeper/sbom_text.h"

namespace soupkeeper::sbom {

void* Arena::AllocateInNewBlock(size_t bytes, size_t align) {
  // Blocks double up to 1 MiB, so a small document stays small and a large
  // one wastes little at the end of each block.
  const size_t size = std::max(block_size_, bytes + align);
  blocks_.push_back(std::make_unique_for_overwrite<std::byte[]>(size));
  next_ = blocks_.back().get();
  left_ = size;
  capacity_ += size;
  block_size_ = std::min(block_size_ * 2, size_t{1} << 20);
  return Allocate(bytes, align);
}

}  // namespace soupkeeper::sbom
