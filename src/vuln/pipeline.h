// Two cores for one import: a producer thread reads the inputs (files,
// archives), decodes records and encodes them for storage, while the calling
// thread, which holds the write transaction, stores them. The producer hands
// over tasks; the calling thread runs them in the order they were posted, so
// an import stores, counts and reports exactly what it would one thread at a
// time (see docs/parts/feeds-performance.md).
#ifndef SOUPKEEPER_SRC_VULN_PIPELINE_H_
#define SOUPKEEPER_SRC_VULN_PIPELINE_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "soupkeeper/diagnostics.h"
#include "soupkeeper/status.h"

namespace soupkeeper::vuln {

class Pipeline {
 public:
  using Task = std::function<Status()>;

  // Runs `produce` on a new thread and, on this one, every task it posts, in
  // order, until it returns. The first task that fails stops the pipeline:
  // its later tasks are dropped and the producer's next Post fails. Returns
  // that failure, else what `produce` returned.
  static Status Run(const std::function<Status(Pipeline&)>& produce);

  // Producer side: queues `task` (waiting while the queue is full). Fails
  // once the consuming side has stopped; the producer should then return.
  Status Post(Task task);

 private:
  Pipeline() = default;
  Status Consume();
  void Close(Status produced);
  void Stop();
  bool Push(std::vector<Task>& batch, std::unique_lock<std::mutex>& lock);

  std::vector<Task> pending_;  // the producer's batch being filled
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<std::vector<Task>> queue_;  // guarded by mu_
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

}  // namespace soupkeeper::vuln

#endif  // SOUPKEEPER_SRC_VULN_PIPELINE_H_
