/// @brief IndexWatch: inotify watches on the index folder and the live generation, drained
/// without waiting.
#include "index_watch.hpp"

#include <array>
#include <cerrno>

#include <sys/inotify.h>
#include <unistd.h>

namespace kb {

namespace {

// Whatever writes, renames, creates or removes a file: a commit writes the generation's table
// files and its version file, a rebuild renames a new `current` link into place.
constexpr std::uint32_t kChanges = IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM |
                                   IN_CREATE | IN_DELETE | IN_ATTRIB | IN_DELETE_SELF |
                                   IN_MOVE_SELF;

}  // namespace

IndexWatch::IndexWatch(IndexLocation location) : location_(std::move(location)) {
    fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    std::lock_guard lock(mutex_);
    (void)watch_locked();
}

IndexWatch::~IndexWatch() {
    if (fd_ >= 0) ::close(fd_);
}

bool IndexWatch::watch_locked() {
    if (fd_ < 0) return false;
    if (root_ < 0) root_ = ::inotify_add_watch(fd_, location_.root().c_str(), kChanges);
    if (root_ < 0) return false;
    if (live_ < 0) watch_live_locked();
    return live_ >= 0;
}

void IndexWatch::watch_live_locked() {
    if (live_ >= 0) ::inotify_rm_watch(fd_, live_);
    live_ = -1;
    if (const auto live = location_.current())
        live_ = ::inotify_add_watch(fd_, live->c_str(), kChanges);
}

bool IndexWatch::drain_locked() {
    alignas(inotify_event) std::array<char, 4096> buffer;
    bool any = false, link_moved = false;
    for (;;) {
        const ssize_t n = ::read(fd_, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // EAGAIN: nothing more queued
        for (ssize_t at = 0; at < n;) {
            const auto* event = reinterpret_cast<const inotify_event*>(buffer.data() + at);
            at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
            const bool overflow = (event->mask & IN_Q_OVERFLOW) != 0;
            if ((event->mask & IN_IGNORED) != 0) {
                // The last notice of a watch: of a generation no longer live (its watch
                // removed below), nothing; of a watched folder removed, watched again later.
                if (event->wd != root_ && event->wd != live_) continue;
                if (event->wd == root_) root_ = -1;
                if (event->wd == live_) live_ = -1;
            } else if (!overflow && event->wd != root_ && event->wd != live_) {
                continue;  // queued for a generation's watch before it was removed
            }
            any = true;
            // Anything in the index folder may be the link; an overflow may have hidden it.
            if (event->wd == root_ || overflow) link_moved = true;
        }
    }
    // The live generation may be another folder now: watch that one.
    if (link_moved && root_ >= 0) watch_live_locked();
    return any;
}

std::uint64_t IndexWatch::stamp() {
    std::lock_guard lock(mutex_);
    if (fd_ < 0) return ++stamp_;
    const bool changed = drain_locked();
    // Not (or no longer) watching both folders: what happened before a watch was added is
    // unknown, so every call counts as a change until both are watched.
    if (root_ < 0 || live_ < 0) {
        (void)watch_locked();
        return ++stamp_;
    }
    if (changed) ++stamp_;
    return stamp_;
}

bool IndexWatch::watching() {
    std::lock_guard lock(mutex_);
    return root_ >= 0 && live_ >= 0;
}

}  // namespace kb
