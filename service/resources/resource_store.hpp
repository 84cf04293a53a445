/// @brief Resource storage: one transaction per operation, authorisation checked under the row
/// lock, the previous version kept when a published resource changes, the index queue and the
/// moderation log written in the same transaction.
#pragma once

#include "accounts.hpp"
#include "pg_pool.hpp"
#include "resource_types.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kb {

/// A file waiting for text extraction.
struct ExtractionJob {
    long long resource_id = 0;
    StoredFile file;
};

class ResourceStore {
  public:
    explicit ResourceStore(PgPool& db) : db_(db) {}

    /// A new resource, pending moderation, with its file when given (one transaction; 409
    /// `duplicate_file` as attach_file).
    long long create(const User& author, const ResourceFields& fields,
                     const std::optional<StoredFile>& file = std::nullopt);
    /// nullopt when unknown, or not public and the viewer is neither its author nor a moderator.
    std::optional<Resource> find(long long id, const std::optional<User>& viewer);
    ResourcePage list(const ResourceQuery& query, const std::optional<User>& viewer);

    /// Author or moderator. An author's edit of a pending or rejected resource submits it again;
    /// of a published one keeps it published and records the previous version.
    void update(long long id, const User& editor, const ResourcePatch& patch);
    /// Author or moderator; the same life-cycle rules as update. 409 `duplicate_file` when
    /// another visible resource holds the same content. False when the resource already had it.
    bool attach_file(long long id, const User& editor, const StoredFile& file);
    /// Author or moderator may attach a file (checked before the upload is read).
    void check_can_edit(long long id, const User& editor);

    /// Moderators only (checked by the caller). 409 when the resource is not in the state the
    /// action starts from (a concurrent decision won); the act is logged.
    void moderate(long long id, const User& moderator, ResourceAction action,
                  const std::optional<std::string>& reason);

    std::vector<ResourceVersion> versions(long long id);
    /// Moderators: the resource takes the version's fields and file back (its current state
    /// becomes a version in turn).
    void restore_version(long long id, long long version_id, const User& moderator);

    void count_view(long long id);
    void count_download(long long id);

    std::optional<ExtractionJob> next_extraction();
    /// Stores the text (or the failure) if the resource still holds that file.
    void record_extraction(const ExtractionJob& job, bool ok, const std::string& text,
                           const std::string& error);

    /// Every file content a resource or one of its versions refers to.
    std::set<std::string> referenced_files();

  private:
    /// counter: view_count or download_count (a column name, never user input).
    void increment(long long id, const std::string& counter);

    PgPool& db_;
};

}  // namespace kb
