/// @brief Dated questions, answers and members written straight into the test database, so that
/// the indicators' figures over a known past period can be worked out by hand.
#pragma once

#include "process.hpp"

#include <string>

namespace kb::test {

/// A user made with `kb-service admin create-user`, with this profile; returns its id.
std::string make_user(const TestDatabase& db, const std::string& login, const std::string& role,
                      const std::string& territory = "", const std::string& type = "");

/// A question asked at `at` (territory and type as SQL literals); returns its id.
std::string thread(const TestDatabase& db, const std::string& author, const std::string& at,
                   const std::string& territory = "NULL", const std::string& type = "NULL",
                   bool hidden = false);

/// An answer written at `at`; returns its id.
std::string answer(const TestDatabase& db, const std::string& thread_id, const std::string& author,
                   const std::string& at, bool hidden = false);

}  // namespace kb::test
