/// @brief Starting and stopping the test SMTP server, reading what it stored.
#include "smtp_sink.hpp"

#include "process.hpp"

#include <algorithm>
#include <csignal>
#include <stdexcept>

namespace kb::test {

namespace fs = std::filesystem;

SmtpSink::SmtpSink(const fs::path& message_dir, int port) {
    const fs::path port_file = dir_.path() / "port";
    // Debian's interpreter, where python3-aiosmtpd is installed (not a PATH-first one).
    pid_ = spawn("/usr/bin/python3",
                 {(source_dir() / "tests/support/smtp_sink.py").string(), message_dir.string(),
                  port_file.string(), std::to_string(port)},
                 {}, dir_.path() / "out", dir_.path() / "err");
    port_ = wait_for_port_file(pid_, port_file, 20);
    if (port_ == 0)
        throw std::runtime_error("smtp_sink.py exited: " + read_file(dir_.path() / "err"));
    if (port_ < 0) {
        stop();
        throw std::runtime_error("smtp_sink.py did not report its port");
    }
}

SmtpSink::~SmtpSink() {
    stop();
}

std::string SmtpSink::url() const {
    return "smtp://127.0.0.1:" + std::to_string(port_);
}

void SmtpSink::stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    (void)wait_for(pid_, 10);
    pid_ = -1;
}

std::vector<nlohmann::json> received_messages(const fs::path& message_dir) {
    std::vector<fs::path> files;
    if (fs::exists(message_dir)) {
        for (const auto& entry : fs::directory_iterator(message_dir)) {
            const auto name = entry.path().filename().string();
            if (!name.empty() && name[0] != '.' && entry.path().extension() == ".json")
                files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<nlohmann::json> messages;
    for (const auto& f : files) messages.push_back(nlohmann::json::parse(read_file(f)));
    return messages;
}

}  // namespace kb::test
