/// @brief Content-addressed file storage under the data folder: files/<2 hex>/<sha256>, each
/// written to a temporary file, synced, then renamed, so a crash never leaves half a file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <set>
#include <string>

namespace kb {

/// Lower-case hex SHA-256 of bytes (OpenSSL).
std::string sha256_hex(const std::string& bytes);

class FileStore {
  public:
    /// root is created by the first put.
    explicit FileStore(std::filesystem::path root);

    /// Stores bytes under their hash (nothing written when that content is already there) and
    /// returns the hash.
    std::string put(const std::string& bytes);
    [[nodiscard]] std::filesystem::path path_of(const std::string& sha256) const;
    [[nodiscard]] bool contains(const std::string& sha256) const;
    /// The stored bytes; throws std::runtime_error when missing.
    [[nodiscard]] std::string read(const std::string& sha256) const;

    /// Removes temporary files and every stored file no row refers to (a file written just
    /// before a crash, whose row was never committed). Run at start, before serving; returns
    /// how many files were removed.
    std::size_t remove_unreferenced(const std::set<std::string>& referenced);

  private:
    std::filesystem::path root_;
};

}  // namespace kb
