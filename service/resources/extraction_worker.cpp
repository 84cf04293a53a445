/// @brief fork + setrlimit + exec of kb-extract, read with a deadline; the worker loop.
#include "extraction_worker.hpp"

#include "message.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <iostream>
#include <vector>

namespace kb {

namespace {

void log_line(const nlohmann::json& line) {
    std::cerr << http::dump_json(line) + "\n";
}

// Reads both pipes until they close or the deadline passes; false on timeout.
bool read_until(int out_fd, int err_fd, std::chrono::steady_clock::time_point deadline,
                std::size_t max_out, std::string& out, std::string& err) {
    std::vector<pollfd> fds = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    int open = 2;
    char buffer[65536];
    while (open > 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        if (::poll(fds.data(), fds.size(), static_cast<int>(left.count())) < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n <= 0) {
                fds[i].fd = -1;
                --open;
                continue;
            }
            std::string& target = i == 0 ? out : err;
            const std::size_t cap = i == 0 ? max_out : 4096;
            if (target.size() < cap)
                target.append(buffer, std::min(static_cast<std::size_t>(n), cap - target.size()));
        }
    }
    return true;
}

}  // namespace

ExtractionOutcome run_extractor(const ExtractionSettings& settings, const std::string& path,
                                const std::string& mime) {
    int out_pipe[2], err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) return {false, "", "Extraction impossible (pipe)."};
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
        ::close(out_pipe[0]);
        ::close(out_pipe[1]);
        return {false, "", "Extraction impossible (pipe)."};
    }
    // Everything the child needs is prepared before fork: after it, only async-signal-safe calls.
    std::vector<std::string> args = {settings.program, path, mime};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const rlim_t memory = settings.memory_bytes;
    const rlim_t cpu = static_cast<rlim_t>(settings.timeout.count() / 1000 + 1);
    const pid_t pid = ::fork();
    if (pid == 0) {
        rlimit as{memory, memory};
        rlimit cpu_limit{cpu, cpu};
        ::setrlimit(RLIMIT_AS, &as);
        ::setrlimit(RLIMIT_CPU, &cpu_limit);
        ::dup2(out_pipe[1], 1);
        ::dup2(err_pipe[1], 2);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (pid < 0) {
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        return {false, "", "Extraction impossible (fork)."};
    }
    std::string out, err;
    const bool finished =
        read_until(out_pipe[0], err_pipe[0], std::chrono::steady_clock::now() + settings.timeout,
                   settings.max_text_bytes, out, err);
    if (!finished) ::kill(pid, SIGKILL);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!finished) return {false, "", "Délai d'extraction dépassé."};
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {true, std::move(out), ""};
    if (WIFSIGNALED(status)) {
        return {false, "",
                "Extraction interrompue (signal " + std::to_string(WTERMSIG(status)) +
                    ") : limite de mémoire ou de temps atteinte."};
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        return {false, "", "Extracteur introuvable : " + settings.program};
    while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) err.pop_back();
    return {false, "", err.empty() ? "Extraction impossible." : err};
}

ExtractionWorker::ExtractionWorker(ResourceStore& store, const FileStore& files,
                                   ExtractionSettings settings)
    : store_(store), files_(files), settings_(std::move(settings)) {}

ExtractionWorker::~ExtractionWorker() {
    stop();
}

void ExtractionWorker::start() {
    thread_ = std::thread([this] { run(); });
}

void ExtractionWorker::notify() {
    {
        std::lock_guard lock(mutex_);
        pending_ = true;
    }
    wake_.notify_one();
}

void ExtractionWorker::stop() {
    if (!thread_.joinable()) return;
    stopping_ = true;
    wake_.notify_one();
    thread_.join();
}

bool ExtractionWorker::extract_next() {
    auto job = store_.next_extraction();
    if (!job) return false;
    ExtractionOutcome outcome;
    if (!files_.contains(job->file.sha256)) {
        outcome.error = "Fichier absent du stockage.";
    } else {
        outcome =
            run_extractor(settings_, files_.path_of(job->file.sha256).string(), job->file.mime);
    }
    store_.record_extraction(*job, outcome.ok, outcome.text, outcome.error);
    nlohmann::json line = {{"level", outcome.ok ? "info" : "warning"},
                           {"event", "text_extraction"},
                           {"resource_id", job->resource_id},
                           {"ok", outcome.ok},
                           {"bytes", outcome.text.size()}};
    if (!outcome.ok) line["reason"] = outcome.error;
    log_line(line);
    return true;
}

void ExtractionWorker::run() {
    while (!stopping_) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, std::chrono::seconds(2),
                           [this] { return pending_ || stopping_.load(); });
            pending_ = false;
        }
        try {
            while (!stopping_ && extract_next()) {
            }
        } catch (const std::exception& e) {
            // Database unavailable: the rows stay pending and are tried again.
            log_line({{"level", "error"}, {"event", "text_extraction"}, {"message", e.what()}});
        }
    }
}

}  // namespace kb
