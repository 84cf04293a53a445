/// @brief OutboxListener: poll(2) on the connection's socket and a stop eventfd, libpqxx receivers.
#include "outbox_listener.hpp"

#include "outbox.hpp"

#include <pqxx/pqxx>

#include <array>
#include <cerrno>
#include <cstdint>
#include <stdexcept>

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace kb {

namespace {

class Receiver final : public pqxx::notification_receiver {
  public:
    Receiver(pqxx::connection& conn, const std::function<void()>& on_commit)
        : pqxx::notification_receiver(conn, std::string(kOutboxChannel)), on_commit_(on_commit) {}
    void operator()(const std::string& /*payload*/, int /*backend_pid*/) override { on_commit_(); }

  private:
    const std::function<void()>& on_commit_;
};

}  // namespace

OutboxListener::OutboxListener(std::string database_url, std::function<void()> on_commit,
                               std::function<void(const std::string&)> on_error)
    : database_url_(std::move(database_url)),
      on_commit_(std::move(on_commit)),
      on_error_(std::move(on_error)),
      stop_fd_(::eventfd(0, EFD_CLOEXEC)) {
    if (stop_fd_ < 0) throw std::runtime_error("eventfd failed");
}

OutboxListener::~OutboxListener() {
    stop();
    ::close(stop_fd_);
}

void OutboxListener::start() {
    thread_ = std::thread([this] { run(); });
}

void OutboxListener::stop() {
    if (!thread_.joinable()) return;
    const std::uint64_t one = 1;
    (void)!::write(stop_fd_, &one, sizeof one);
    thread_.join();
}

bool OutboxListener::wait(int fd, int timeout_ms) {
    std::array<pollfd, 2> fds{pollfd{stop_fd_, POLLIN, 0}, pollfd{fd, POLLIN, 0}};
    for (;;) {
        const int n = ::poll(fds.data(), fd < 0 ? 1 : 2, timeout_ms);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw std::runtime_error("poll failed");
        return (fds[0].revents & POLLIN) == 0;
    }
}

void OutboxListener::listen_until_stopped_or_broken() {
    pqxx::connection conn(database_url_);
    Receiver receiver(conn, on_commit_);  // issues LISTEN
    on_commit_();  // what committed before LISTEN took effect was announced to nobody
    while (wait(conn.sock(), -1)) {
        conn.get_notifs();  // calls the receiver; throws broken_connection when the link is gone
        if (!conn.is_open()) throw pqxx::broken_connection("outbox listener connection closed");
    }
}

void OutboxListener::run() {
    for (;;) {
        try {
            listen_until_stopped_or_broken();
            return;
        } catch (const std::exception& e) {
            on_error_(std::string("outbox listener: ") + e.what());
        }
        if (!wait(-1, 1000)) return;  // database away: try again in a second
    }
}

}  // namespace kb
