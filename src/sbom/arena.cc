// sbom::Arena (sbom_text.h): blocks filled in turn, full-size blocks reused
// through a cache per thread.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "soupkeeper/sbom_text.h"

namespace soupkeeper::sbom {
namespace {

// Full-size blocks of this thread's destroyed Arenas, for the next ones.
// Freeing them instead returned the memory to the system (glibc trims the
// heap), so each decode faulted in and cleared its arena afresh: about a
// tenth of a CycloneDX JSON decode in a process that decodes many.
constexpr size_t kCachedBlocks = 32;  // 32 MiB

struct BlockCache;
// Whether this thread's BlockCache is not yet made, alive, or destroyed
// (an Arena of static storage outlives the thread's objects at exit). A
// plain value: it stays readable after the thread's destructors ran.
enum class CacheState : uint8_t { kUnmade, kAlive, kDestroyed };
thread_local CacheState cache_state = CacheState::kUnmade;

struct BlockCache {
  BlockCache() { cache_state = CacheState::kAlive; }
  ~BlockCache() { cache_state = CacheState::kDestroyed; }
  std::vector<std::unique_ptr<std::byte[]>> blocks;
};
thread_local BlockCache cache;

}  // namespace

Arena::~Arena() {
  if (cache_state == CacheState::kDestroyed) return;
  for (Block& block : blocks_) {
    if (block.size == kMaxBlock && cache.blocks.size() < kCachedBlocks) {
      cache.blocks.push_back(std::move(block.bytes));
    }
  }
}

void* Arena::AllocateInNewBlock(size_t bytes, size_t align) {
  // Blocks double up to kMaxBlock, so a small document stays small and a
  // large one wastes little at the end of each block.
  const size_t size = std::max(block_size_, bytes + align);
  if (size == kMaxBlock && cache_state == CacheState::kAlive && !cache.blocks.empty()) {
    blocks_.push_back({std::move(cache.blocks.back()), size});
    cache.blocks.pop_back();
  } else {
    blocks_.push_back({std::make_unique_for_overwrite<std::byte[]>(size), size});
  }
  next_ = blocks_.back().bytes.get();
  left_ = size;
  capacity_ += size;
  block_size_ = std::min(block_size_ * 2, kMaxBlock);
  return Allocate(bytes, align);
}

}  // namespace soupkeeper::sbom
