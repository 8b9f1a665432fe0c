// Two cores for one job: a producer thread prepares work (reads and decodes
// feed records, loads the knowledge a scan needs) while the calling thread,
// which may hold a write transaction, consumes it. The producer posts tasks;
// the calling thread runs them in the order they were posted, so the job
// stores, counts and reports exactly what it would one thread at a time
// (docs/parts/feeds-performance.md, docs/parts/match.md).
#ifndef SOUPKEEPER_SRC_CORE_PIPELINE_H_
#define SOUPKEEPER_SRC_CORE_PIPELINE_H_

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "soupkeeper/diagnostics.h"
#include "soupkeeper/status.h"

namespace soupkeeper {

class Pipeline {
 public:
  using Task = std::function<Status()>;

  struct Options {
    // Tasks handed over together: many small tasks (a record each) keep the
    // locking off the per-task path; large ones (a scan's chunk) go alone.
    size_t batch_tasks = 32;
    // Batches waiting for the calling thread; Post waits while it is full,
    // which bounds the memory of the work in flight.
    size_t max_queued_batches = 8;
  };

  // Runs `produce` on a new thread and, on this one, every task it posts, in
  // order, until it returns. The first task that fails stops the pipeline:
  // its later tasks are dropped and the producer's next Post fails. Returns
  // that failure, else what `produce` returned.
  static Status Run(const std::function<Status(Pipeline&)>& produce);
  static Status Run(const Options& options, const std::function<Status(Pipeline&)>& produce);

  // Producer side: queues `task` (waiting while the queue is full). Fails
  // once the consuming side has stopped; the producer should then return.
  Status Post(Task task);

  // Producer side: waits until the queue has room for a batch, so that work
  // prepared next is not held in memory behind a full queue. Fails as Post.
  Status WaitForRoom();

  // Whether the consuming side is behind: half the queue or more is waiting.
  // A producer can then take on work either side could do (and leave it to
  // the consuming side while that keeps up), so both cores stay busy.
  bool Behind() const {
    return queued_.load(std::memory_order_relaxed) * 2 >= options_.max_queued_batches;
  }

 private:
  explicit Pipeline(const Options& options) : options_(options) {}
  Status Consume();
  void Close(Status produced);
  void Stop();
  bool Push(std::vector<Task>& batch, std::unique_lock<std::mutex>& lock);

  const Options options_;
  std::vector<Task> pending_;  // the producer's batch being filled
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<std::vector<Task>> queue_;  // guarded by mu_
  std::atomic<size_t> queued_{0};        // queue_.size(), for Behind
  std::deque<std::vector<Task>> done_;   // run, to be destroyed by the producer; guarded by mu_
  bool closed_ = false;                  // guarded by mu_
  bool stopped_ = false;                 // guarded by mu_
  Status produced_;                      // guarded by mu_
};

// Reports made on the producer side, passed on to `inner` in their place
// among the pipeline's tasks (so only the consuming thread reports).
class PipelineSink final : public DiagnosticSink {
 public:
  PipelineSink(Pipeline& pipeline, DiagnosticSink& inner) : pipeline_(pipeline), inner_(inner) {}
  void Report(Diagnostic d) override;

 private:
  Pipeline& pipeline_;
  DiagnosticSink& inner_;
};

}  // namespace soupkeeper

#endif  // SOUPKEEPER_SRC_CORE_PIPELINE_H_
