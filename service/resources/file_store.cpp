/// @brief FileStore: write to tmp/, fsync, rename into place, fsync the folder.
#include "file_store.hpp"

#include <openssl/evp.h>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace kb {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& path) {
    throw std::runtime_error(what + " " + path.string() + ": " + std::strerror(errno));
}

void sync_folder(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) fail("cannot open folder", folder);
    ::fsync(fd);
    ::close(fd);
}

void write_synced(const fs::path& path, const std::string& bytes) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0) fail("cannot create", path);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ::close(fd);
            fail("cannot write", path);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        ::close(fd);
        fail("cannot sync", path);
    }
    ::close(fd);
}

bool is_sha256(const std::string& name) {
    return name.size() == 64 && name.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

std::string sha256_hex(const std::string& bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("sha256 failed");
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0xf];
    }
    return out;
}

FileStore::FileStore(fs::path root) : root_(std::move(root)) {}

fs::path FileStore::path_of(const std::string& sha256) const {
    return root_ / sha256.substr(0, 2) / sha256;
}

bool FileStore::contains(const std::string& sha256) const {
    return is_sha256(sha256) && fs::is_regular_file(path_of(sha256));
}

std::string FileStore::put(const std::string& bytes) {
    const std::string sha = sha256_hex(bytes);
    const fs::path target = path_of(sha);
    std::error_code ec;
    if (fs::is_regular_file(target, ec) && fs::file_size(target, ec) == bytes.size()) return sha;
    static std::atomic<unsigned long> counter{0};
    const fs::path tmp = root_ / "tmp" /
                         (sha + "." + std::to_string(::getpid()) + "." +
                          std::to_string(counter.fetch_add(1)) + ".part");
    try {
        fs::create_directories(tmp.parent_path());
        write_synced(tmp, bytes);
        fs::create_directories(target.parent_path());
        fs::rename(tmp, target);
    } catch (...) {
        fs::remove(tmp, ec);
        throw;
    }
    sync_folder(target.parent_path());
    return sha;
}

std::string FileStore::read(const std::string& sha256) const {
    std::ifstream in(path_of(sha256), std::ios::binary);
    if (!in) throw std::runtime_error("stored file missing: " + sha256);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::size_t FileStore::remove_unreferenced(const std::set<std::string>& referenced) {
    std::size_t removed = 0;
    if (!fs::is_directory(root_)) return 0;
    for (const auto& shard : fs::directory_iterator(root_)) {
        if (!shard.is_directory()) continue;
        if (shard.path().filename() == "tmp") {
            for (const auto& entry : fs::directory_iterator(shard.path())) {
                fs::remove(entry.path());
                ++removed;
            }
            continue;
        }
        for (const auto& entry : fs::directory_iterator(shard.path())) {
            if (referenced.count(entry.path().filename().string()) == 0) {
                fs::remove(entry.path());
                ++removed;
            }
        }
    }
    return removed;
}

}  // namespace kb
