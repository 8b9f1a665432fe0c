// The import pipeline: tasks run on the calling thread in the order posted;
// the first failure stops the producer and is what Run returns.
#include "core/pipeline.h"

#include <gtest/gtest.h>

#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

namespace soupkeeper {
namespace {

TEST(Pipeline, RunsEveryTaskOnTheCallingThreadInOrder) {
  const std::thread::id caller = std::this_thread::get_id();
  std::vector<int> seen;
  bool all_on_caller = true;
  std::thread::id producer_thread;
  Status s = Pipeline::Run([&](Pipeline& p) -> Status {
    producer_thread = std::this_thread::get_id();
    for (int i = 0; i < 10000; ++i) {  // many batches, a partial one at the end
      SK_RETURN_IF_ERROR(p.Post([&, i] {
        all_on_caller = all_on_caller && std::this_thread::get_id() == caller;
        seen.push_back(i);
        return Status::Ok();
      }));
    }
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_NE(producer_thread, caller);
  EXPECT_TRUE(all_on_caller);
  ASSERT_EQ(seen.size(), 10000u);
  for (int i = 0; i < 10000; ++i) ASSERT_EQ(seen[i], i);
}

TEST(Pipeline, TheFirstFailedTaskStopsTheProducerAndIsReturned) {
  int run = 0;
  int posted = 0;
  Status producer_saw;
  Status s = Pipeline::Run([&](Pipeline& p) -> Status {
    for (int i = 0; i < 1000000; ++i) {
      Status posted_status = p.Post([&run, i] {
        ++run;
        return i == 100 ? DatabaseError("disk full") : Status::Ok();
      });
      if (!posted_status.ok()) {
        producer_saw = posted_status;
        return posted_status;
      }
      ++posted;
    }
    return Status::Ok();
  });
  EXPECT_EQ(s.code(), StatusCode::kDatabaseError);
  EXPECT_EQ(s.message(), "disk full");
  EXPECT_EQ(run, 101);  // nothing after the failure ran
  EXPECT_FALSE(producer_saw.ok());
  EXPECT_LT(posted, 1000000);  // the producer stopped early
}

TEST(Pipeline, TheProducersFailureIsReturnedAfterItsTasksRan) {
  int run = 0;
  Status s = Pipeline::Run([&](Pipeline& p) -> Status {
    for (int i = 0; i < 5; ++i) {
      SK_RETURN_IF_ERROR(p.Post([&run] {
        ++run;
        return Status::Ok();
      }));
    }
    return IoError("input vanished");
  });
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_EQ(run, 5);
}

TEST(Pipeline, AnExceptionInTheProducerBecomesAnInternalError) {
  Status s = Pipeline::Run([](Pipeline&) -> Status { throw std::runtime_error("boom"); });
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_NE(s.message().find("boom"), std::string::npos);
}

TEST(Pipeline, BehindWhenHalfTheQueueIsWaiting) {
  std::promise<void> started, release;
  std::shared_future<void> released = release.get_future().share();
  bool empty_queue_behind = true, two_waiting_behind = false;
  Status s = Pipeline::Run({.batch_tasks = 1, .max_queued_batches = 4}, [&](Pipeline& p) {
    SK_RETURN_IF_ERROR(p.Post([&started, released] {
      started.set_value();
      released.wait();  // the consuming side is busy until released
      return Status::Ok();
    }));
    started.get_future().wait();
    empty_queue_behind = p.Behind();
    for (int i = 0; i < 2; ++i) SK_RETURN_IF_ERROR(p.Post([] { return Status::Ok(); }));
    two_waiting_behind = p.Behind();
    release.set_value();
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(empty_queue_behind);
  EXPECT_TRUE(two_waiting_behind);
}

TEST(Pipeline, ReportsReachTheSinkInTheirPlaceAmongTasks) {
  std::vector<std::string> order;
  struct Recording final : DiagnosticSink {
    std::vector<std::string>& order;
    explicit Recording(std::vector<std::string>& o) : order(o) {}
    void Report(Diagnostic d) override { order.push_back("report " + d.message); }
  } recording(order);
  Status s = Pipeline::Run([&](Pipeline& p) -> Status {
    PipelineSink deferred(p, recording);
    SK_RETURN_IF_ERROR(p.Post([&] {
      order.push_back("task 1");
      return Status::Ok();
    }));
    deferred.Report({Severity::kError, "f.json", "/0", "bad"});
    SK_RETURN_IF_ERROR(p.Post([&] {
      order.push_back("task 2");
      return Status::Ok();
    }));
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(order, (std::vector<std::string>{"task 1", "report bad", "task 2"}));
}

}  // namespace
}  // namespace soupkeeper
