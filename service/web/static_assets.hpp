/// @brief Static files (the DSFR, our own CSS and scripts) held in memory and served under
/// content-hashed URLs with long-lived immutable caching.
#pragma once

#include "message.hpp"

#include <filesystem>
#include <map>
#include <string>

namespace kb::web {

/// Each mount ("dsfr", "app") is a folder served at /static/<mount>-<hash>/<path>, where hash
/// covers every file of the folder: relative URLs inside a stylesheet (fonts, icons) keep working,
/// and any change of content gives new URLs, so browsers may cache forever.
class StaticAssets {
  public:
    /// Loads every file of dir (recursively) under mount; throws when dir does not exist.
    void mount(const std::string& name, const std::filesystem::path& dir);

    /// The URL of a file of a mount ("dsfr", "dsfr.min.css"); throws std::logic_error when the
    /// file is unknown (a template names a file that is not there).
    [[nodiscard]] std::string url(const std::string& mount, const std::string& path) const;

    /// GET /static/*path: the file with its type, ETag and Cache-Control: immutable; its gzip
    /// twin (`<file>.gz` beside it in the folder, when smaller) with Content-Encoding: gzip and an
    /// ETag of its own when the request accepts gzip; 404 `asset_not_found` for anything else
    /// (an old hash included).
    [[nodiscard]] http::Response serve(const http::Request& request) const;

  private:
    struct File {
        std::string body;
        std::string type;
        std::string etag;
        std::string gzip;  ///< the same bytes gzip-compressed, or empty
        std::string gzip_etag;
    };
    struct Mount {
        std::string prefix;  ///< "<name>-<hash>"
        std::map<std::string, File> files;
    };
    std::map<std::string, Mount> mounts_;
};

}  // namespace kb::web
