/// @brief libmagic detection, PDF and zip structure checks, file name rules.
#include "file_type.hpp"

#include "api_error.hpp"
#include "utf8.hpp"

#include <magic.h>
#include <zip.h>

#include <algorithm>
#include <map>
#include <memory>
#include <vector>

namespace kb {

namespace {

using http::ApiError;

struct Allowed {
    std::string mime;
    std::vector<std::string> extensions;
};

// The allow-list, by the MIME type libmagic reports.
const std::map<std::string, Allowed>& allow_list() {
    static const std::map<std::string, Allowed> list = {
        {"application/pdf", {"application/pdf", {"pdf"}}},
        {"application/vnd.oasis.opendocument.text",
         {"application/vnd.oasis.opendocument.text", {"odt"}}},
        {"application/vnd.oasis.opendocument.spreadsheet",
         {"application/vnd.oasis.opendocument.spreadsheet", {"ods"}}},
        {"application/vnd.oasis.opendocument.presentation",
         {"application/vnd.oasis.opendocument.presentation", {"odp"}}},
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", {"docx"}}},
        {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {"xlsx"}}},
        {"application/vnd.openxmlformats-officedocument.presentationml.presentation",
         {"application/vnd.openxmlformats-officedocument.presentationml.presentation", {"pptx"}}},
        {"text/csv", {"text/csv", {"csv", "txt"}}},
        {"text/plain", {"text/plain", {"txt", "csv"}}},
        {"image/png", {"image/png", {"png"}}},
        {"image/jpeg", {"image/jpeg", {"jpg", "jpeg"}}},
    };
    return list;
}

std::string magic_type(const std::string& bytes) {
    std::unique_ptr<magic_set, decltype(&magic_close)> m(magic_open(MAGIC_MIME_TYPE), &magic_close);
    if (!m || magic_load(m.get(), nullptr) != 0) throw std::runtime_error("libmagic unavailable");
    const char* type = magic_buffer(m.get(), bytes.data(), bytes.size());
    return type ? type : "application/octet-stream";
}

std::string extension_of(const std::string& name) {
    const auto dot = name.rfind('.');
    if (dot == std::string::npos || dot == 0) return "";
    std::string ext = name.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

ApiError invalid_file(const std::string& detail) {
    return ApiError::unprocessable("invalid_file", detail);
}

using ZipPtr = std::unique_ptr<zip_t, decltype(&zip_discard)>;

ZipPtr open_zip(const std::string& bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) throw invalid_file("Archive illisible.");
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    zip_error_fini(&error);
    if (!archive) {
        zip_source_free(source);
        throw invalid_file("Le document bureautique est une archive zip endommagée.");
    }
    return ZipPtr(archive, &zip_discard);
}

// The office type a zip holds, by its entries (OOXML parts, ODF's "mimetype"); bounds checked.
std::string office_type(const std::string& bytes, const ZipLimits& limits) {
    ZipPtr archive = open_zip(bytes);
    const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    if (count < 0 || static_cast<std::size_t>(count) > limits.max_entries)
        throw ApiError::unprocessable("zip_bomb", "L'archive contient trop d'éléments.");
    std::size_t total = 0;
    bool word = false, excel = false, powerpoint = false, content_types = false;
    std::string odf;
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0)
            throw invalid_file("Archive illisible.");
        total += static_cast<std::size_t>(st.size);
        const bool large = st.size > 1024 * 1024;
        if (total > limits.max_total_bytes ||
            (large && st.size > static_cast<zip_uint64_t>(limits.max_ratio) *
                                    std::max<zip_uint64_t>(st.comp_size, 1))) {
            throw ApiError::unprocessable(
                "zip_bomb", "Le document se décompresse en un volume démesuré (bombe zip).");
        }
        const std::string name = st.name ? st.name : "";
        content_types = content_types || name == "[Content_Types].xml";
        word = word || name == "word/document.xml";
        excel = excel || name == "xl/workbook.xml";
        powerpoint = powerpoint || name == "ppt/presentation.xml";
        if (name == "mimetype" && st.size < 100) {
            zip_file_t* file = zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(i), 0);
            if (file) {
                char buffer[100];
                const zip_int64_t n = zip_fread(file, buffer, sizeof buffer);
                if (n > 0) odf.assign(buffer, static_cast<std::size_t>(n));
                zip_fclose(file);
            }
        }
    }
    if (!odf.empty()) return odf;
    const std::string ooxml = "application/vnd.openxmlformats-officedocument.";
    if (content_types && word) return ooxml + "wordprocessingml.document";
    if (content_types && excel) return ooxml + "spreadsheetml.sheet";
    if (content_types && powerpoint) return ooxml + "presentationml.presentation";
    return "application/zip";
}

bool is_zip_based(const std::string& mime) {
    return mime == "application/zip" || mime.rfind("application/vnd.oasis.opendocument.", 0) == 0 ||
           mime.rfind("application/vnd.openxmlformats-officedocument.", 0) == 0;
}

void check_pdf_structure(const std::string& bytes) {
    const std::size_t tail = bytes.size() > 2048 ? bytes.size() - 2048 : 0;
    if (bytes.compare(0, 5, "%PDF-") != 0 || bytes.find("%%EOF", tail) == std::string::npos)
        throw invalid_file("Le fichier n'est pas un PDF complet (en-tête ou fin manquant).");
}

}  // namespace

FileType check_file_type(const std::string& bytes, const std::string& filename,
                         const ZipLimits& limits) {
    std::string mime = magic_type(bytes);
    const std::string ext = extension_of(filename);
    // Zip-based documents are recognised by their entries too (libmagic sees only the first).
    if (mime == "application/octet-stream" && bytes.compare(0, 4, "PK\x03\x04") == 0)
        mime = "application/zip";
    if (is_zip_based(mime)) mime = office_type(bytes, limits);
    auto allowed = allow_list().find(mime);
    if (allowed == allow_list().end()) {
        throw ApiError(415, "unsupported_type", "Type de fichier non accepté",
                       "Le contenu du fichier est de type " + mime +
                           " ; acceptés : PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, CSV, TXT, PNG, "
                           "JPEG.");
    }
    const auto& extensions = allowed->second.extensions;
    if (!ext.empty() && std::find(extensions.begin(), extensions.end(), ext) == extensions.end()) {
        throw ApiError(415, "type_mismatch", "Type de fichier non accepté",
                       "Le nom « " + filename + " » annonce un fichier ." + ext +
                           ", mais son contenu est de type " + mime + ".");
    }
    if (mime == "application/pdf") check_pdf_structure(bytes);
    FileType type{allowed->second.mime, ext.empty() ? extensions.front() : ext};
    if (type.mime == "text/plain" && type.extension == "csv") type.mime = "text/csv";
    return type;
}

std::string checked_filename(const std::string& raw) {
    const bool bad =
        raw.empty() || raw.size() > 255 || !is_valid_utf8(raw) || raw.front() == '.' ||
        raw.find('/') != std::string::npos || raw.find('\\') != std::string::npos ||
        std::any_of(raw.begin(), raw.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
    if (bad) {
        throw ApiError::bad_request("invalid_filename",
                                    "Nom de fichier invalide « " + raw +
                                        " » : un simple nom (sans dossier, ni « / », ni « \\ », ni "
                                        "point initial), 255 octets au plus.");
    }
    return raw;
}

std::string with_extension(const std::string& name, const FileType& type) {
    return extension_of(name).empty() ? name + "." + type.extension : name;
}

std::string attachment_disposition(const std::string& name) {
    std::string ascii, encoded;
    static const char* hex = "0123456789ABCDEF";
    for (unsigned char c : name) {
        const bool plain = std::isalnum(c) || c == '.' || c == '-' || c == '_';
        ascii += (c < 0x80 && c >= 0x20 && c != '"' && c != '\\' && c != ';' && c != ',')
                     ? static_cast<char>(c)
                     : '_';
        if (plain) {
            encoded += static_cast<char>(c);
        } else {
            encoded += '%';
            encoded += hex[c >> 4];
            encoded += hex[c & 0xf];
        }
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace kb
