/// @brief A strict multipart/form-data reader: boundary from the content type, CRLF delimiters,
/// Content-Disposition and Content-Type headers per part.
#include "multipart.hpp"

#include "api_error.hpp"
#include "text_lists.hpp"

#include <algorithm>
#include <cctype>

namespace kb::http {

namespace {

ApiError malformed(const std::string& why) {
    return ApiError::bad_request("invalid_multipart",
                                 "Corps multipart/form-data invalide : " + why);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// The value of `key` among "; key=value" or "; key=\"value\"" parameters of a header value.
std::optional<std::string> header_param(const std::string& value, const std::string& key) {
    std::size_t pos = 0;
    while ((pos = value.find(';', pos)) != std::string::npos) {
        ++pos;
        const std::size_t eq = value.find('=', pos);
        if (eq == std::string::npos) return std::nullopt;
        if (lower(trim(value.substr(pos, eq - pos))) != key) continue;
        std::size_t start = eq + 1;
        if (start < value.size() && value[start] == '"') {
            std::string out;
            for (std::size_t i = start + 1; i < value.size(); ++i) {
                if (value[i] == '\\' && i + 1 < value.size()) {
                    out += value[++i];
                } else if (value[i] == '"') {
                    return out;
                } else {
                    out += value[i];
                }
            }
            return std::nullopt;  // unterminated quote
        }
        const std::size_t end = value.find(';', start);
        return trim(
            value.substr(start, end == std::string::npos ? std::string::npos : end - start));
    }
    return std::nullopt;
}

FormPart read_part(const std::string& body, std::size_t begin, std::size_t end) {
    const std::size_t headers_end = body.find("\r\n\r\n", begin);
    if (headers_end == std::string::npos || headers_end > end)
        throw malformed("en-têtes de partie");
    FormPart part;
    std::size_t line = begin;
    bool disposition = false;
    while (line < headers_end) {
        std::size_t eol = body.find("\r\n", line);
        if (eol == std::string::npos || eol > headers_end) eol = headers_end;
        const std::string header = body.substr(line, eol - line);
        const std::size_t colon = header.find(':');
        if (colon == std::string::npos) throw malformed("en-tête sans « : »");
        const std::string name = lower(trim(header.substr(0, colon)));
        const std::string value = trim(header.substr(colon + 1));
        if (name == "content-disposition") {
            if (lower(value.substr(0, 9)) != "form-data") throw malformed("partie non form-data");
            part.name = header_param(value, "name").value_or("");
            part.filename = header_param(value, "filename");
            disposition = true;
        } else if (name == "content-type") {
            part.content_type = value;
        }
        line = eol + 2;
    }
    if (!disposition) throw malformed("Content-Disposition manquant");
    part.body = body.substr(headers_end + 4, end - headers_end - 4);
    return part;
}

}  // namespace

bool is_multipart_form(const std::string& content_type) {
    return lower(content_type).rfind("multipart/form-data", 0) == 0;
}

std::vector<FormPart> parse_multipart(const std::string& body, const std::string& content_type) {
    auto boundary = header_param(content_type, "boundary");
    if (!boundary || boundary->empty() || boundary->size() > 70) throw malformed("boundary absent");
    const std::string delimiter = "--" + *boundary;
    std::size_t pos = body.find(delimiter);
    if (pos == std::string::npos || (pos != 0 && body.compare(pos - 2, 2, "\r\n") != 0))
        throw malformed("délimiteur introuvable");
    std::vector<FormPart> parts;
    while (true) {
        pos += delimiter.size();
        if (body.compare(pos, 2, "--") == 0) return parts;  // closing delimiter
        if (body.compare(pos, 2, "\r\n") != 0) throw malformed("délimiteur mal terminé");
        const std::size_t begin = pos + 2;
        const std::size_t next = body.find("\r\n" + delimiter, begin);
        if (next == std::string::npos) throw malformed("délimiteur final manquant");
        parts.push_back(read_part(body, begin, next));
        if (parts.size() > 20) throw malformed("trop de parties");
        pos = next + 2;
    }
}

}  // namespace kb::http
