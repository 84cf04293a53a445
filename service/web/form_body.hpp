/// @brief HTML form bodies (application/x-www-form-urlencoded) decoded and checked like the
/// query string: valid UTF-8, no control characters.
#pragma once

#include "message.hpp"
#include "multipart.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kb::web {

class Form {
  public:
    /// Parses the request's body; 415 `unsupported_media_type` for another content type (a
    /// multipart form goes through the multipart reader), 400 on bad encoding or text.
    static Form parse(const http::Request& request);
    /// The text fields of a multipart/form-data body (parts without a file name), checked like
    /// an encoded form's: valid UTF-8, no control characters (400 otherwise).
    static Form from_parts(const std::vector<http::FormPart>& parts);
    /// Builds a form from already-decoded fields (multipart uploads).
    explicit Form(std::vector<std::pair<std::string, std::string>> fields = {});

    [[nodiscard]] std::optional<std::string> get(const std::string& name) const;
    /// The field's value, "" when absent.
    [[nodiscard]] std::string value(const std::string& name) const;
    /// Every value of a repeated field (checkboxes).
    [[nodiscard]] std::vector<std::string> values(const std::string& name) const;

  private:
    std::vector<std::pair<std::string, std::string>> fields_;
};

}  // namespace kb::web
