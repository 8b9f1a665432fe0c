// Peak resident memory of one piece of work, for the decoder benchmarks.
//
// Linux and glibc only. Freed heap memory is first returned to the system
// (malloc_trim); a second thread then samples the resident size
// (/proc/self/statm) every 200 microseconds while the work runs. The highest
// sample minus the resident size before is what the work needed at its worst
// moment (the input bytes, already resident, are not counted). Freed memory
// that glibc kept resident would hide part of the work's own allocations
// from both this and the kernel's high-water mark (VmHWM), hence the trim.
#ifndef SOUPKEEPER_BENCH_PEAK_MEMORY_H_
#define SOUPKEEPER_BENCH_PEAK_MEMORY_H_

#include <benchmark/benchmark.h>
#include <malloc.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

namespace soupkeeper::bench {

// Resident bytes of this process.
inline double ResidentBytes() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

// Runs `work` once per iteration and reports peak_MB (resident memory the
// work added at its peak) and peak_over_input (that over `input_bytes`).
template <typename Work>
void MeasurePeak(benchmark::State& state, size_t input_bytes, Work work) {
  double peak = 0;
  for (auto _ : state) {
    malloc_trim(0);
    const double before = ResidentBytes();
    std::atomic<bool> done{false};
    double highest = before;
    std::thread sampler([&] {
      while (!done.load()) {
        const double now = ResidentBytes();
        if (now > highest) highest = now;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      }
    });
    work();
    done = true;
    sampler.join();
    if (highest - before > peak) peak = highest - before;
  }
  state.counters["peak_MB"] = peak / 1e6;
  state.counters["peak_over_input"] = peak / static_cast<double>(input_bytes);
}

}  // namespace soupkeeper::bench

#endif  // SOUPKEEPER_BENCH_PEAK_MEMORY_H_
