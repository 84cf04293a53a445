/// @brief Generation folders and the atomic swap of the `current` link.
#include "index_location.hpp"

#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include <unistd.h>

namespace kb {

namespace fs = std::filesystem;

std::optional<fs::path> IndexLocation::current() const {
    std::error_code ec;
    fs::path target = fs::read_symlink(root_ / "current", ec);
    if (ec) return std::nullopt;
    return target.is_absolute() ? target : root_ / target;
}

std::optional<fs::path> IndexLocation::live_database() const {
    auto live = current();
    if (!live || !fs::exists(*live / "iamglass")) return std::nullopt;
    return live;
}

fs::path IndexLocation::new_generation() const {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
    fs::path candidate;
    for (int n = 0;; ++n) {
        candidate = root_ / ("gen-" + std::to_string(micros) + "-" + std::to_string(::getpid()) +
                             "-" + std::to_string(n));
        if (!fs::exists(candidate)) return candidate;
    }
}

void IndexLocation::publish(const fs::path& generation) const {
    fs::create_directories(root_);
    auto previous = current();
    fs::path tmp = root_ / ("current.tmp-" + std::to_string(::getpid()));
    fs::remove(tmp);
    fs::create_symlink(generation.filename(), tmp);
    fs::rename(tmp, root_ / "current");  // rename(2) replaces the link atomically
    // Keep the previous generation for readers that still have it open; drop older ones.
    for (const auto& entry : fs::directory_iterator(root_)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("gen-", 0) != 0) continue;
        if (entry.path().filename() == generation.filename()) continue;
        if (previous && entry.path().filename() == previous->filename()) continue;
        std::error_code ec;
        fs::remove_all(entry.path(), ec);
    }
}

Xapian::WritableDatabase IndexLocation::open_writable() const {
    fs::create_directories(root_);
    if (auto live = current(); live && fs::exists(*live)) {
        // The service's outbox writer and kb-indexer take turns on the write lock.
        for (int attempt = 0;; ++attempt) {
            try {
                return Xapian::WritableDatabase(live->string(), Xapian::DB_CREATE_OR_OPEN);
            } catch (const Xapian::DatabaseLockError&) {
                if (attempt >= 600) throw;
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        }
    }
    fs::path generation = new_generation();
    Xapian::WritableDatabase db(generation.string(), Xapian::DB_CREATE_OR_OPEN);
    db.commit();
    publish(generation);
    return db;
}

}  // namespace kb
