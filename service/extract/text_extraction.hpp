/// @brief Plain text of an attached file: PDF pages (poppler), office documents (the XML inside
/// the zip, read with a bound on what it decompresses to), text files.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace kb {

/// A file whose text cannot be had; the message is in French, for moderators.
class ExtractionError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct ExtractLimits {
    std::size_t max_text_bytes = 4 * 1024 * 1024;       ///< text kept (the rest is dropped)
    std::size_t max_unzipped_bytes = 64 * 1024 * 1024;  ///< XML read out of an office zip
};

/// The text of bytes of the given MIME type (empty for images).
std::string extract_text(const std::string& bytes, const std::string& mime,
                         const ExtractLimits& limits = {});

}  // namespace kb
