/// @brief Paths and connection settings of the test run (from CMake and deploy/test).
#pragma once

#include <filesystem>
#include <string>

namespace kb::test {

std::filesystem::path service_binary();
std::filesystem::path indexer_binary();
std::filesystem::path source_dir();      ///< the repository
std::filesystem::path corpus_dir();      ///< ../shared/corpus beside the repository
std::filesystem::path fixture_kb_dir();  ///< tests/fixtures/kb: the small known corpus
/// libpq settings of the cluster deploy/test started ("host=... port=... user=..."), no dbname.
std::string pg_base();

/// A fresh folder under the test run's temporary folder, removed by the destructor.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

/// Writes text to path, creating parent folders.
void write_file(const std::filesystem::path& path, const std::string& text);
std::string read_file(const std::filesystem::path& path);

}  // namespace kb::test
