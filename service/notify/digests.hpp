/// @brief Daily digests: when one is due, and folding the waiting items into one row per expert.
#pragma once

#include <pqxx/pqxx>

#include <chrono>

namespace kb {

/// The latest digest time at or before now: today at hour:00 UTC, or yesterday's when that is
/// still to come. Items created before it are due.
std::chrono::system_clock::time_point digest_boundary(std::chrono::system_clock::time_point now,
                                                      int hour);

/// Folds every `daily` item created before `boundary` into one `digest` notification per
/// recipient (the items are marked sent, pointing to it); returns how many digests were made.
/// Rows another process is folding are skipped, so a digest never holds an item twice.
int fold_due_digests(pqxx::connection& conn, std::chrono::system_clock::time_point boundary);

}  // namespace kb
