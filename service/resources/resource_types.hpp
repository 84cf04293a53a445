/// @brief The typed values of the resource library: fields, files, resources, queries, versions.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kb {

/// What an author writes (validated by resource_input before it gets here).
struct ResourceFields {
    std::string title;
    std::string summary;
    std::string description;  ///< Markdown, rendered with cmark in safe mode
    std::string type;
    std::optional<std::string> link;  ///< http(s) only
    std::string licence = "etalab-2.0";
    std::vector<std::string> audiences;
    std::vector<std::string> steps;
    std::vector<std::string> structure_types;
    std::optional<std::string> territory;  ///< a département code; nullopt: national
    std::vector<std::string> tags;         ///< canonical slugs of the tag vocabulary
};

/// A partial edit: absent members stay as they are; link's inner nullopt clears it.
struct ResourcePatch {
    std::optional<std::string> title;
    std::optional<std::string> summary;
    std::optional<std::string> description;
    std::optional<std::string> type;
    std::optional<std::optional<std::string>> link;
    std::optional<std::string> licence;
    std::optional<std::vector<std::string>> audiences;
    std::optional<std::vector<std::string>> steps;
    std::optional<std::vector<std::string>> structure_types;
    std::optional<std::optional<std::string>> territory;
    std::optional<std::vector<std::string>> tags;
    [[nodiscard]] bool empty() const {
        return !title && !summary && !description && !type && !link && !licence && !audiences &&
               !steps && !structure_types && !territory && !tags;
    }
};

/// A file attached to a resource, stored once per content under its sha256.
struct StoredFile {
    std::string sha256;
    std::string name;  ///< sanitised, shown in Content-Disposition
    std::string mime;
    long long size = 0;
};

struct Resource {
    long long id = 0;
    ResourceFields fields;
    std::string description_html;
    long long author_id = 0;
    std::string author_name;
    std::string author_role;
    std::string status;  ///< pending | published | rejected
    std::optional<std::string> reject_reason;
    bool hidden = false;
    std::optional<StoredFile> file;
    std::string extraction_status;  ///< none | pending | done | failed
    std::optional<std::string> extraction_error;
    long long download_count = 0;
    long long view_count = 0;
    long long version_count = 0;
    std::string created_at;
    std::string updated_at;
    std::optional<std::string> published_at;
    [[nodiscard]] bool is_public() const { return status == "published" && !hidden; }
};

struct ResourceQuery {
    std::vector<std::string> types;
    std::vector<std::string> tags;
    std::vector<std::string> audiences;
    std::vector<std::string> steps;
    std::vector<std::string> structure_types;
    std::vector<std::string> territories;  ///< département codes or "national"
    std::vector<std::string> statuses;
    int page = 1;
    int per_page = 20;
};

struct ResourcePage {
    long long total = 0;
    std::vector<Resource> items;
};

/// A previous state of a published resource.
struct ResourceVersion {
    long long id = 0;
    long long editor_id = 0;
    std::string created_at;
    ResourceFields fields;
    std::optional<StoredFile> file;
};

/// A moderation decision on a resource.
enum class ResourceAction { approve, reject, hide, restore };

}  // namespace kb
