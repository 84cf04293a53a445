/// @brief Where the Xapian index lives: generations under one folder and an atomic `current` link.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <optional>
#include <string>

namespace kb {

/// The index folder holds `gen-*` databases and a `current` symlink naming the live one. Readers
/// follow the link; a rebuild writes a new generation aside and swaps the link with rename(2), so a
/// reader never sees a half-built index. kb-indexer --rebuild writes parts of the new generation
/// on every core at once (`part-N` folders inside it) and compacts them into the generation's
/// one database before publishing it.
class IndexLocation {
  public:
    explicit IndexLocation(std::filesystem::path root) : root_(std::move(root)) {}

    [[nodiscard]] const std::filesystem::path& root() const { return root_; }
    /// The live generation's folder, if the link exists.
    [[nodiscard]] std::optional<std::filesystem::path> current() const;
    /// The live generation's folder, if the link exists and the folder holds a database (a
    /// removed generation may leave its link behind).
    [[nodiscard]] std::optional<std::filesystem::path> live_database() const;
    /// A fresh, unused generation folder name (not created).
    [[nodiscard]] std::filesystem::path new_generation() const;
    /// Atomically points `current` at generation; older generations but the previous are removed.
    void publish(const std::filesystem::path& generation) const;

    /// Opens the live generation for writing, creating a first one if none exists.
    [[nodiscard]] Xapian::WritableDatabase open_writable() const;

  private:
    std::filesystem::path root_;
};

}  // namespace kb
