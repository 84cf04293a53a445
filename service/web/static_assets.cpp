/// @brief StaticAssets: files read once at start-up, hashed, and answered from memory.
#include "static_assets.hpp"

#include "api_error.hpp"
#include "text_lists.hpp"
#include "web_crypto.hpp"

#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kb::web {

namespace {

std::string type_of(const std::filesystem::path& path) {
    static const std::map<std::string, std::string> types = {
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".woff", "font/woff"},
        {".woff2", "font/woff2"},
        {".webmanifest", "application/manifest+json"},
        {".json", "application/json"},
        {".md", "text/plain; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"}};
    auto it = types.find(path.extension().string());
    return it == types.end() ? "application/octet-stream" : it->second;
}

// Whether an Accept-Encoding header value takes gzip (RFC 9110 §12.5.3: `gzip`, `x-gzip` or `*`,
// unless its weight is zero).
bool accepts_gzip(const http::Request& request) {
    for (const auto& [name, value] : request.headers) {
        if (name != "accept-encoding") continue;
        for (const std::string_view item : list_items(value, ',')) {
            std::string coding(trimmed(item.substr(0, item.find(';'))));
            for (char& c : coding)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (coding != "gzip" && coding != "x-gzip" && coding != "*") continue;
            const auto q = item.find("q=");
            if (q == std::string_view::npos) return true;
            // q=0, q=0.0, q=0.000: refused; any other weight accepts.
            if (item.substr(q + 2).find_first_not_of("0. \t") != std::string_view::npos)
                return true;
        }
    }
    return false;
}

http::Response not_found() {
    throw http::ApiError::not_found("asset_not_found", "Ce fichier statique n'existe pas.");
}

}  // namespace

void StaticAssets::mount(const std::string& name, const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        throw std::runtime_error("static folder not found: " + dir.string() +
                                 " (the build fetches the DSFR into build/front)");
    }
    Mount m;
    std::string manifest;  // every file's path and digest, in path order
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        const std::string rel = std::filesystem::relative(entry.path(), dir).generic_string();
        if (rel.empty() || rel[0] == '.') continue;  // .version and the like
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream body;
        body << in.rdbuf();
        File file{body.str(), type_of(entry.path()), ""};
        const std::string digest = sha256_hex(file.body);
        file.etag = "\"" + digest.substr(0, 32) + "\"";
        m.files.emplace(rel, std::move(file));
    }
    // A file's .gz twin is sent in its place to browsers that accept gzip, not served by name.
    for (auto it = m.files.begin(); it != m.files.end();) {
        const std::string& rel = it->first;
        auto plain = rel.size() > 3 && rel.ends_with(".gz")
                         ? m.files.find(rel.substr(0, rel.size() - 3))
                         : m.files.end();
        if (plain == m.files.end()) {
            ++it;
            continue;
        }
        if (it->second.body.size() < plain->second.body.size()) {
            plain->second.gzip = std::move(it->second.body);
            plain->second.gzip_etag =
                it->second.etag.substr(0, it->second.etag.size() - 1) + "-gz\"";
        }
        it = m.files.erase(it);
    }
    for (const auto& [rel, file] : m.files) manifest += rel + " " + file.etag + "\n";
    m.prefix = name + "-" + sha256_hex(manifest).substr(0, 12);
    mounts_[name] = std::move(m);
}

std::string StaticAssets::url(const std::string& mount, const std::string& path) const {
    auto it = mounts_.find(mount);
    if (it == mounts_.end() || it->second.files.count(path) == 0) {
        throw std::logic_error("no static file " + mount + "/" + path);
    }
    return "/static/" + it->second.prefix + "/" + path;
}

http::Response StaticAssets::serve(const http::Request& request) const {
    const std::string& rest = request.path_param("path");
    const auto slash = rest.find('/');
    if (slash == std::string::npos) return not_found();
    const std::string prefix = rest.substr(0, slash);
    const std::string path = rest.substr(slash + 1);
    for (const auto& [name, m] : mounts_) {
        if (m.prefix != prefix) continue;
        auto file = m.files.find(path);
        if (file == m.files.end()) break;
        const File& f = file->second;
        const bool gzip = !f.gzip.empty() && accepts_gzip(request);
        const std::string& etag = gzip ? f.gzip_etag : f.etag;
        http::Response r;
        r.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
        r.headers.emplace_back("ETag", etag);
        r.headers.emplace_back("X-Content-Type-Options", "nosniff");
        if (!f.gzip.empty()) r.headers.emplace_back("Vary", "Accept-Encoding");
        if (gzip) r.headers.emplace_back("Content-Encoding", "gzip");
        r.content_type = f.type;
        if (request.if_none_match == etag) {
            r.status = 304;
            return r;
        }
        r.body = gzip ? f.gzip : f.body;
        return r;
    }
    return not_found();
}

}  // namespace kb::web
