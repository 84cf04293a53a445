/// @brief Applies the numbered SQL files of schema/ in order, each once, each in its own
/// transaction.
#pragma once

#include <pqxx/pqxx>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace kb {

/// A migration failed; what() names the file and PostgreSQL's message.
class MigrationError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct MigrationReport {
    std::vector<std::string> applied;  ///< file names applied by this run
    std::size_t already_applied = 0;
};

/// Applies every `NNNN_*.sql` file of dir not yet recorded in schema_migrations.
MigrationReport apply_migrations(pqxx::connection& conn, const std::filesystem::path& dir);

}  // namespace kb
