/// @brief What an uploaded file is, decided by its content (libmagic, then the structure of
/// PDFs and zip-based office documents), checked against the allow-list and its name.
#pragma once

#include <cstddef>
#include <string>

namespace kb {

/// Bounds on a zip-based document's declared contents (a zip bomb exceeds them).
struct ZipLimits {
    std::size_t max_entries = 5000;
    std::size_t max_total_bytes = 100 * 1024 * 1024;
    std::size_t max_ratio = 100;  ///< uncompressed / compressed, for entries over 1 MiB
};

struct FileType {
    std::string mime;
    std::string extension;  ///< canonical, without the dot
};

/// The type of an upload: 415 `unsupported_type` outside the allow-list (PDF, ODT/ODS/ODP,
/// DOCX/XLSX/PPTX, CSV, TXT, PNG, JPEG), 415 `type_mismatch` when the name's extension says
/// another type, 422 `invalid_file` for a broken PDF or zip, 422 `zip_bomb`.
FileType check_file_type(const std::string& bytes, const std::string& filename,
                         const ZipLimits& limits = {});

/// The name to store: 400 `invalid_filename` for path components ("../x", "a/b"), hidden names,
/// control characters or invalid UTF-8; given the type's extension when it has none.
std::string checked_filename(const std::string& raw);
std::string with_extension(const std::string& name, const FileType& type);

/// Content-Disposition value for a stored name: an ASCII fallback and the UTF-8 form.
std::string attachment_disposition(const std::string& name);

}  // namespace kb
