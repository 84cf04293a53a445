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
    if (auto live = current(); live && fs::exists(*live)) return open_writer(*live);
    fs::path generation = new_generation();
    fs::create_directories(generation);
    Xapian::WritableDatabase db(shard(generation, 0).string(), Xapian::DB_CREATE_OR_OPEN);
    db.commit();
    publish(generation);
    return db;
}

fs::path IndexLocation::shard(const fs::path& generation, unsigned n) {
    return generation / ("shard-" + std::to_string(n));
}

std::vector<fs::path> IndexLocation::shards(const fs::path& generation) {
    std::vector<fs::path> out;
    for (unsigned n = 0; fs::exists(shard(generation, n)); ++n) out.push_back(shard(generation, n));
    if (out.empty()) out.push_back(generation);
    return out;
}

Xapian::Database IndexLocation::open_reader(const fs::path& generation) {
    Xapian::Database db;
    for (const auto& path : shards(generation)) db.add_database(Xapian::Database(path.string()));
    return db;
}

Xapian::WritableDatabase IndexLocation::open_writer(const fs::path& generation) {
    Xapian::WritableDatabase db;
    // Shards are locked in order, so two writers never hold one lock each while waiting for the
    // other's. The service's outbox writer and kb-indexer take turns this way.
    for (const auto& path : shards(generation)) {
        for (int attempt = 0;; ++attempt) {
            try {
                db.add_database(Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OPEN));
                break;
            } catch (const Xapian::DatabaseLockError&) {
                if (attempt >= 600) throw;
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        }
    }
    return db;
}

}  // namespace kb
