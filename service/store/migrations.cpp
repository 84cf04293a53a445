/// @brief Migration runner: sorted files, advisory lock against concurrent runs, one transaction
/// each.
#include "migrations.hpp"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

namespace kb {

namespace {

// Arbitrary constant: serialises concurrent `migrate` runs against one database.
constexpr long long kMigrationLockKey = 7427013920261122LL;

std::vector<std::filesystem::path> migration_files(const std::filesystem::path& dir) {
    static const std::regex pattern(R"(^[0-9]{4}_[A-Za-z0-9_\-]+\.sql$)");
    std::vector<std::filesystem::path> files;
    if (!std::filesystem::is_directory(dir)) {
        throw MigrationError("schema folder not found: " + dir.string());
    }
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.is_regular_file() &&
            std::regex_match(entry.path().filename().string(), pattern)) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

MigrationReport apply_migrations(pqxx::connection& conn, const std::filesystem::path& dir) {
    auto files = migration_files(dir);
    {
        pqxx::nontransaction tx(conn);
        tx.exec(R"(CREATE TABLE IF NOT EXISTS schema_migrations (
                       version text PRIMARY KEY,
                       applied_at timestamptz NOT NULL DEFAULT now()))");
        tx.exec_params("SELECT pg_advisory_lock($1)", kMigrationLockKey);
    }
    MigrationReport report;
    try {
        for (const auto& file : files) {
            const std::string version = file.filename().string();
            pqxx::work tx(conn);
            auto seen =
                tx.exec_params("SELECT 1 FROM schema_migrations WHERE version = $1", version);
            if (!seen.empty()) {
                ++report.already_applied;
                continue;
            }
            try {
                tx.exec(read_file(file));
                tx.exec_params("INSERT INTO schema_migrations (version) VALUES ($1)", version);
                tx.commit();
            } catch (const pqxx::sql_error& e) {
                throw MigrationError(file.string() + ": " + e.what());
            }
            report.applied.push_back(version);
        }
    } catch (...) {
        pqxx::nontransaction unlock(conn);
        unlock.exec_params("SELECT pg_advisory_unlock($1)", kMigrationLockKey);
        throw;
    }
    pqxx::nontransaction unlock(conn);
    unlock.exec_params("SELECT pg_advisory_unlock($1)", kMigrationLockKey);
    return report;
}

}  // namespace kb
