/// @brief Test environment lookup; missing settings are a hard failure, not a skip.
#include "test_env.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

namespace kb::test {

namespace fs = std::filesystem;

fs::path service_binary() {
    return KB_SERVICE_BIN;
}
fs::path indexer_binary() {
    return KB_INDEXER_BIN;
}
fs::path source_dir() {
    return KB_SOURCE_DIR;
}
fs::path corpus_dir() {
    return fs::path(KB_SOURCE_DIR).parent_path() / "shared" / "corpus";
}
fs::path fixture_kb_dir() {
    return source_dir() / "tests" / "fixtures" / "kb";
}

std::string pg_base() {
    const char* base = std::getenv("KB_TEST_PG");
    if (base == nullptr || *base == '\0') {
        throw std::runtime_error("KB_TEST_PG is not set: run the tests through deploy/test");
    }
    return base;
}

TempDir::TempDir() {
    const char* root = std::getenv("KB_TEST_TMP");
    fs::path base = root != nullptr ? fs::path(root) : fs::temp_directory_path();
    static int counter = 0;
    path_ = base / ("t-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

void write_file(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace kb::test
