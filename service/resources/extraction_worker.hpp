/// @brief The background text extraction of attached files: one thread that runs kb-extract in
/// a child process per file, under a time limit and a memory limit.
#pragma once

#include "file_store.hpp"
#include "resource_store.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace kb {

struct ExtractionSettings {
    std::string program;  ///< kb-extract
    std::chrono::milliseconds timeout{20000};
    std::size_t memory_bytes = 512UL * 1024 * 1024;
    std::size_t max_text_bytes = 4UL * 1024 * 1024;
};

/// What one run of the extractor gave.
struct ExtractionOutcome {
    bool ok = false;
    std::string text;
    std::string error;  ///< French, for moderators
};

/// Runs the extractor on one file in a child process with RLIMIT_AS and RLIMIT_CPU, killed at
/// the deadline.
ExtractionOutcome run_extractor(const ExtractionSettings& settings, const std::string& path,
                                const std::string& mime);

class ExtractionWorker {
  public:
    ExtractionWorker(ResourceStore& store, const FileStore& files, ExtractionSettings settings);
    ~ExtractionWorker();
    ExtractionWorker(const ExtractionWorker&) = delete;
    ExtractionWorker& operator=(const ExtractionWorker&) = delete;

    void start();
    /// Called after a file was attached.
    void notify();
    void stop();

  private:
    void run();
    bool extract_next();

    ResourceStore& store_;
    const FileStore& files_;
    ExtractionSettings settings_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool pending_ = true;  // files attached before a restart
    std::atomic<bool> stopping_{false};
};

}  // namespace kb
