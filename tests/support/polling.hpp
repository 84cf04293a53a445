/// @brief Waiting, bounded, for something that the service does in the background.
#pragma once

#include <chrono>
#include <functional>

namespace kb::test {

/// Calls condition every 20 ms until it returns true (then true) or timeout has passed (false).
bool poll_until(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

}  // namespace kb::test
