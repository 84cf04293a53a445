/// @brief `kb-service forum import`: walks the forum's /latest.json pages and stores every topic
/// that changed since the last run; resumable from a stored cursor after an interruption.
#pragma once

#include "forum_processor.hpp"
#include "pg_pool.hpp"

#include <functional>
#include <string>
#include <vector>

namespace kb {

struct ImportSummary {
    std::size_t pages = 0;
    std::size_t seen = 0;
    std::size_t imported = 0;
    std::size_t unchanged = 0;
    std::size_t gone = 0;      ///< listed, then answered 404
    std::size_t failed = 0;    ///< a topic whose JSON could not be used
    std::string resumed_from;  ///< the stored cursor the run started from, if any
    bool complete = false;     ///< the last page was reached
    std::string interrupted;   ///< why the run stopped early (the cursor stays on that page)
};

class ForumImporter {
  public:
    ForumImporter(PgPool& db, ForumProcessor& processor, ForumClient& client)
        : db_(db), processor_(processor), client_(client) {}

    /// One run; progress is called after each topic.
    ImportSummary run(const std::function<void(const ImportSummary&)>& progress = {});

  private:
    PgPool& db_;
    ForumProcessor& processor_;
    ForumClient& client_;
};

/// "/latest?page=1" → "/latest.json?page=1" (Discourse's links omit the format).
std::string json_page_path(const std::string& link);

/// The `forum` command of kb-service: `forum import`. Returns the exit status.
int run_forum_command(const std::string& database_url, const ForumSettings& settings,
                      const std::vector<std::string>& arguments);

}  // namespace kb
