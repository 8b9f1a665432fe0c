// Pipeline: the producer fills batches of tasks and queues them; the
// consuming thread takes a batch at a time. Batches keep the locking off the
// per-record path; the bounded queue keeps the records in flight (and their
// memory) few. Run batches go back to the producer to be destroyed: what a
// task holds was allocated there, and glibc's malloc frees memory of another
// thread's arena under that arena's lock, which the producer, allocating,
// holds often (freed on the consuming thread, the records of an OSV import
// spent a fifth of its time waiting for that lock).
#include "core/pipeline.h"

#include <exception>
#include <thread>

namespace soupkeeper {

Status Pipeline::Run(const std::function<Status(Pipeline&)>& produce) {
  return Run(Options(), produce);
}

Status Pipeline::Run(const Options& options, const std::function<Status(Pipeline&)>& produce) {
  Pipeline p(options);
  std::thread producer([&p, &produce] {
    Status s;
    try {
      s = produce(p);
    } catch (const std::exception& e) {
      s = Internal(std::string("pipeline producer failed: ") + e.what());
    }
    p.Close(std::move(s));
  });
  // Stops and joins the producer however this thread leaves (a task may
  // throw).
  struct Joiner {
    Pipeline& p;
    std::thread& t;
    ~Joiner() {
      p.Stop();
      t.join();
    }
  } joiner{p, producer};
  SK_RETURN_IF_ERROR(p.Consume());
  std::lock_guard<std::mutex> lock(p.mu_);
  return p.produced_;
}

Status Pipeline::Post(Task task) {
  pending_.push_back(std::move(task));
  if (pending_.size() < options_.batch_tasks) return Status::Ok();
  std::unique_lock<std::mutex> lock(mu_);
  const bool pushed = Push(pending_, lock);
  std::deque<std::vector<Task>> run = std::move(done_);
  done_.clear();
  lock.unlock();
  run.clear();  // destroyed here, outside the lock
  if (!pushed) return Internal("stopped: the consuming side failed");
  return Status::Ok();
}

bool Pipeline::Push(std::vector<Task>& batch, std::unique_lock<std::mutex>& lock) {
  changed_.wait(lock, [this] { return stopped_ || queue_.size() < options_.max_queued_batches; });
  if (stopped_) return false;
  queue_.push_back(std::move(batch));
  queued_.store(queue_.size(), std::memory_order_relaxed);
  batch.clear();
  changed_.notify_all();
  return true;
}

Status Pipeline::WaitForRoom() {
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait(lock, [this] { return stopped_ || queue_.size() < options_.max_queued_batches; });
  if (stopped_) return Internal("stopped: the consuming side failed");
  return Status::Ok();
}

void Pipeline::Close(Status produced) {
  std::unique_lock<std::mutex> lock(mu_);
  if (!pending_.empty()) Push(pending_, lock);
  produced_ = std::move(produced);
  closed_ = true;
  changed_.notify_all();
}

void Pipeline::Stop() {
  std::lock_guard<std::mutex> lock(mu_);
  stopped_ = true;
  changed_.notify_all();
}

Status Pipeline::Consume() {
  std::vector<Task> batch;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      if (!batch.empty()) done_.push_back(std::move(batch));
      changed_.wait(lock, [this] { return closed_ || !queue_.empty(); });
      if (queue_.empty()) return Status::Ok();  // closed and drained
      batch = std::move(queue_.front());
      queue_.pop_front();
      queued_.store(queue_.size(), std::memory_order_relaxed);
      changed_.notify_all();
    }
    for (Task& task : batch) SK_RETURN_IF_ERROR(task());
  }
}

void PipelineSink::Report(Diagnostic d) {
  // Dropped only when the pipeline has stopped: the job fails anyway.
  pipeline_
      .Post([&inner = inner_, d = std::move(d)]() mutable {
        inner.Report(std::move(d));
        return Status::Ok();
      })
      .IgnoreError();
}

}  // namespace soupkeeper
