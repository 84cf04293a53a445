/// @brief fork/exec of the real binaries, a per-test database, and the service's lifecycle.
#include "process.hpp"

#include <pqxx/pqxx>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace kb::test {

namespace fs = std::filesystem;

int spawn(const fs::path& program, const std::vector<std::string>& args,
          const std::map<std::string, std::string>& env, const fs::path& out, const fs::path& err) {
    pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(o, 1);
        ::dup2(e, 2);
        int devnull = ::open("/dev/null", O_RDONLY);
        ::dup2(devnull, 0);
        for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
        // The binaries fall back to KB_* variables; tests pass everything explicitly.
        for (const char* var :
             {"KB_DATABASE_URL", "KB_INDEX_DIR", "KB_CONTENT_DIRS", "KB_PORT", "KB_LISTEN"}) {
            if (!env.count(var)) ::unsetenv(var);
        }
        std::vector<char*> argv;
        std::string prog = program.string();
        argv.push_back(prog.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy) argv.push_back(a.data());
        argv.push_back(nullptr);
        // Do not inherit blocked signals from a test thread.
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, nullptr);
        ::execv(prog.c_str(), argv.data());
        _exit(127);
    }
    return pid;
}

int wait_for(int pid, int timeout_seconds) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    return -1;
}

int wait_for_port_file(int& pid, const fs::path& port_file, int timeout_seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        if (fs::exists(port_file)) return std::stoi(read_file(port_file));
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            pid = -1;
            return 0;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
}

CommandResult run_command(const fs::path& program, const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env) {
    TempDir dir;
    int pid = spawn(program, args, env, dir.path() / "out", dir.path() / "err");
    CommandResult r;
    r.exit_code = wait_for(pid, 600);
    r.out = read_file(dir.path() / "out");
    r.err = read_file(dir.path() / "err");
    return r;
}

CommandResult run_migrate(const std::string& db_url, const fs::path& schema_dir) {
    return run_command(service_binary(),
                       {"migrate", "--database-url", db_url, "--schema-dir", schema_dir.string()});
}

TestDatabase::TestDatabase() : TestDatabase(source_dir() / "schema") {}

TestDatabase::TestDatabase(const fs::path& schema_dir) {
    static int counter = 0;
    name_ = "test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    {
        pqxx::connection admin(pg_base() + " dbname=postgres");
        pqxx::nontransaction tx(admin);
        tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name_));
        tx.exec("CREATE DATABASE " + tx.quote_name(name_) + " TEMPLATE template0");
    }
    url_ = pg_base() + " dbname=" + name_;
    CommandResult migrate = run_migrate(url_, schema_dir);
    if (migrate.exit_code != 0) throw std::runtime_error("migrate failed: " + migrate.err);
}

TestDatabase::~TestDatabase() {
    try {
        pqxx::connection admin(pg_base() + " dbname=postgres");
        pqxx::nontransaction tx(admin);
        tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name_) + " WITH (FORCE)");
    } catch (const std::exception&) {
        // The cluster is removed at the end of the run anyway.
    }
}

std::string TestDatabase::scalar(const std::string& sql) const {
    pqxx::connection c(url_);
    pqxx::nontransaction tx(c);
    auto rows = tx.exec(sql);
    if (rows.empty() || rows[0][0].is_null()) return "";
    return rows[0][0].as<std::string>();
}

CommandResult run_indexer(const std::string& db_url, const fs::path& index_dir,
                          const std::vector<fs::path>& dirs,
                          const std::vector<std::string>& extra) {
    std::string list;
    for (const auto& d : dirs) list += (list.empty() ? "" : ":") + d.string();
    std::vector<std::string> args = {"--database-url", db_url, "--index-dir", index_dir.string(),
                                     "--content-dirs", list,   "--progress",  "never"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_command(indexer_binary(), args);
}

ServiceProcess::ServiceProcess(const std::string& db_url, const fs::path& index_dir,
                               const std::vector<std::string>& extra_args) {
    const fs::path port_file = dir_.path() / "port";
    std::vector<std::string> args = {"serve",       "--database-url",   db_url,
                                     "--index-dir", index_dir.string(), "--port",
                                     "0",           "--port-file",      port_file.string()};
    // Its own data folder (attached files), unless the test names one.
    if (std::find(extra_args.begin(), extra_args.end(), "--data-dir") == extra_args.end()) {
        args.push_back("--data-dir");
        args.push_back((dir_.path() / "data").string());
    }
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    // Mail of the development mode stays in the test's folder (a test may set --mail-spool-dir).
    pid_ = spawn(service_binary(), args, {{"KB_MAIL_SPOOL_DIR", (dir_.path() / "mail").string()}},
                 dir_.path() / "out", dir_.path() / "err");
    port_ = wait_for_port_file(pid_, port_file, 30);
    if (port_ == 0) throw std::runtime_error("kb-service exited at start: " + log());
    if (port_ < 0) throw std::runtime_error("kb-service did not report its port: " + log());
}

ServiceProcess::~ServiceProcess() {
    if (pid_ > 0) stop();
}

int ServiceProcess::stop(int timeout_seconds) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int code = wait_for(pid_, timeout_seconds);
    pid_ = -1;
    return code;
}

void ServiceProcess::kill_hard() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

std::string ServiceProcess::log() const {
    return read_file(dir_.path() / "err");
}

}  // namespace kb::test
