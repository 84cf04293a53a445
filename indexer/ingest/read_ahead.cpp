/// @brief ReadAhead: one thread loading the items just past a worker pool's claim counter.
#include "read_ahead.hpp"

#include <algorithm>
#include <chrono>

namespace kb {

ReadAhead::ReadAhead(std::size_t count, std::size_t lookahead,
                     const std::atomic<std::size_t>& claimed, std::function<void(std::size_t)> load)
    : lookahead_(std::max<std::size_t>(lookahead, 1)),
      claimed_(claimed),
      load_(std::move(load)),
      state_(count) {
    thread_ = std::thread([this] { run(); });
}

ReadAhead::~ReadAhead() {
    stop();
}

void ReadAhead::stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
}

void ReadAhead::run() {
    for (std::size_t i = 0; i < state_.size() && !stopping_; ++i) {
        // Items already claimed are the workers' to load.
        i = std::max(i, claimed_.load());
        if (i >= state_.size()) break;
        // Polled, not signalled: a worker would otherwise wake this thread for every claim.
        while (!stopping_ && i >= claimed_.load() + lookahead_)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        unsigned char expected = kPending;
        if (stopping_ || !state_[i].compare_exchange_strong(expected, kLoading)) continue;
        unsigned char outcome = kLoaded;
        try {
            load_(i);
        } catch (...) {
            outcome = kPending;  // the worker loads it again and meets the error itself
        }
        state_[i].store(outcome);
        state_[i].notify_all();
    }
}

void ReadAhead::acquire(std::size_t i) {
    for (;;) {
        unsigned char state = kPending;
        if (state_[i].compare_exchange_strong(state, kTaken)) {
            load_(i);
            return;
        }
        if (state == kLoaded) return;
        state_[i].wait(state);  // kLoading: the read-ahead thread is on it
    }
}

}  // namespace kb
