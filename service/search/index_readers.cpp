/// @brief IndexReaders: a free list of Xapian readers keyed by the generation they opened.
#include "index_readers.hpp"

namespace kb {

IndexReaders::Lease::Lease(IndexReaders& owner, std::unique_ptr<Reader> reader)
    : owner_(&owner), reader_(std::move(reader)) {}

IndexReaders::Lease::Lease(Lease&& other) noexcept
    : owner_(other.owner_), reader_(std::move(other.reader_)) {}

IndexReaders::Lease::~Lease() {
    if (reader_) owner_->give_back(std::move(reader_));
}

Xapian::Database& IndexReaders::Lease::db() {
    return reader_->db;
}

std::string IndexReaders::Lease::version() const {
    return reader_->generation + ":" + std::to_string(reader_->db.get_revision());
}

const std::string& IndexReaders::Lease::generation() const {
    return reader_->generation;
}

IndexReaders::Lease IndexReaders::lease(bool fresh) {
    // Read before the link and the reopen: a change after it makes the next stamp differ, so
    // the worst a race does is reopen once more.
    const std::uint64_t stamp = watch_.stamp();
    std::unique_ptr<Reader> reader;
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            reader = std::move(idle_.back());
            idle_.pop_back();
        }
    }
    if (reader && !fresh && reader->stamp == stamp) return Lease(*this, std::move(reader));
    auto live = location_.current();
    if (!live) throw Xapian::DatabaseOpeningError("no search index has been built yet");
    const std::string generation = live->string();
    if (reader && reader->generation == generation) {
        // Picks up the commits since it was opened.
        reader->db.reopen();
    } else {
        reader = std::make_unique<Reader>(Reader{generation, Xapian::Database(generation)});
    }
    reader->stamp = stamp;
    return Lease(*this, std::move(reader));
}

void IndexReaders::give_back(std::unique_ptr<Reader> reader) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(reader));
}

bool IndexReaders::is_open() noexcept {
    try {
        auto lease = this->lease();
        (void)lease.db().get_doccount();
        return true;
    } catch (...) {
        return false;
    }
}

}  // namespace kb
