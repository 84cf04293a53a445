/// @brief multipart/form-data bodies (RFC 7578): the parts, their names and file names.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kb::http {

struct FormPart {
    std::string name;
    std::optional<std::string> filename;  ///< as sent (not sanitised)
    std::string content_type;
    std::string body;
};

/// True when the content type is multipart/form-data.
bool is_multipart_form(const std::string& content_type);

/// The parts of a multipart/form-data body; 400 `invalid_multipart` when it is malformed.
std::vector<FormPart> parse_multipart(const std::string& body, const std::string& content_type);

}  // namespace kb::http
