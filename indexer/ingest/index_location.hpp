/// @brief Where the Xapian index lives: generations under one folder and an atomic `current` link.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kb {

/// The index folder holds `gen-*` generations and a `current` symlink naming the live one. Readers
/// follow the link; a rebuild writes a new generation aside and swaps the link with rename(2), so a
/// reader never sees a half-built index. A generation holds its database in shard folders
/// (`shard-0`, `shard-1`, ...) that readers and writers open as one database, the metadata
/// (glossaries, synonym rules) living in shard 0. kb-indexer --rebuild writes parts on every core
/// at once and compacts them into a single shard-0 before publishing.
class IndexLocation {
  public:
    explicit IndexLocation(std::filesystem::path root) : root_(std::move(root)) {}

    [[nodiscard]] const std::filesystem::path& root() const { return root_; }
    /// The live generation's folder, if the link exists.
    [[nodiscard]] std::optional<std::filesystem::path> current() const;
    /// A fresh, unused generation folder name (not created).
    [[nodiscard]] std::filesystem::path new_generation() const;
    /// Atomically points `current` at generation; older generations but the previous are removed.
    void publish(const std::filesystem::path& generation) const;

    /// Opens the live generation for writing, creating a first one if none exists.
    [[nodiscard]] Xapian::WritableDatabase open_writable() const;

    /// The shard folders of a generation, in order (the generation itself for a single-database
    /// generation written before shards existed).
    [[nodiscard]] static std::vector<std::filesystem::path> shards(
        const std::filesystem::path& generation);
    /// The folder of shard n of a generation.
    [[nodiscard]] static std::filesystem::path shard(const std::filesystem::path& generation,
                                                     unsigned n);
    /// Every shard of a generation as one read-only database.
    [[nodiscard]] static Xapian::Database open_reader(const std::filesystem::path& generation);
    /// Every shard of a generation as one writable database (waits for the write locks).
    [[nodiscard]] static Xapian::WritableDatabase open_writer(
        const std::filesystem::path& generation);

  private:
    std::filesystem::path root_;
};

}  // namespace kb
