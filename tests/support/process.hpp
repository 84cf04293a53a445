/// @brief Running the real binaries from tests: one-shot commands and a long-lived service.
#pragma once

#include "test_env.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kb::test {

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Starts program with args in the background, stdout and stderr to files; returns its pid.
int spawn(const std::filesystem::path& program, const std::vector<std::string>& args,
          const std::map<std::string, std::string>& env, const std::filesystem::path& out,
          const std::filesystem::path& err);

/// Waits for pid to exit; after timeout_seconds kills it (SIGKILL) and returns -1. Returns the
/// exit code, or 128 + the signal that ended it.
int wait_for(int pid, int timeout_seconds);

/// Waits for a process started with spawn() to write its port (written aside, then renamed) to
/// port_file; returns the port, 0 when the process exited first (pid is then reaped and set to
/// -1), or -1 after timeout_seconds.
int wait_for_port_file(int& pid, const std::filesystem::path& port_file, int timeout_seconds);

/// Runs program with args (environment = ours plus env), waits, captures both streams.
CommandResult run_command(const std::filesystem::path& program,
                          const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env = {});

/// kb-service migrate on db_url with the migrations of schema_dir (the repository's by default).
CommandResult run_migrate(const std::string& db_url,
                          const std::filesystem::path& schema_dir = source_dir() / "schema");

/// A database made for one test (CREATE DATABASE from template0, migrated with kb-service
/// migrate), dropped by the destructor.
class TestDatabase {
  public:
    TestDatabase();
    /// Migrated with the files of schema_dir only (to write rows in an older schema's shape).
    explicit TestDatabase(const std::filesystem::path& schema_dir);
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;
    [[nodiscard]] const std::string& url() const { return url_; }
    /// Runs a query with psql-free libpqxx and returns the first column of the first row.
    [[nodiscard]] std::string scalar(const std::string& sql) const;

  private:
    std::string name_;
    std::string url_;
};

/// kb-indexer over dirs into index_dir on db; returns its result.
CommandResult run_indexer(const std::string& db_url, const std::filesystem::path& index_dir,
                          const std::vector<std::filesystem::path>& dirs,
                          const std::vector<std::string>& extra = {});

/// kb-service serve on port 0, started in the constructor and stopped (SIGTERM) by stop()
/// or the destructor. Its stderr goes to a log file readable with log().
class ServiceProcess {
  public:
    ServiceProcess(const std::string& db_url, const std::filesystem::path& index_dir,
                   const std::vector<std::string>& extra_args = {});
    ~ServiceProcess();
    ServiceProcess(const ServiceProcess&) = delete;
    ServiceProcess& operator=(const ServiceProcess&) = delete;

    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] int pid() const { return pid_; }
    /// Sends SIGTERM and waits; returns the exit status (or -1 on timeout, after SIGKILL).
    int stop(int timeout_seconds = 20);
    void kill_hard();
    [[nodiscard]] std::string log() const;

  private:
    TempDir dir_;
    int pid_ = -1;
    int port_ = 0;
};

}  // namespace kb::test
