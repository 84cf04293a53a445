/// @brief A bounded polling loop, so that no test waits forever nor sleeps a fixed time.
#include "polling.hpp"

#include <thread>

namespace kb::test {

bool poll_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (condition()) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace kb::test
