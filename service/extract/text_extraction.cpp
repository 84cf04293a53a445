/// @brief poppler for PDFs, libzip + libxml2 for ODF and OOXML, UTF-8 checks for text.
#include "text_extraction.hpp"

#include "utf8.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>
#include <zip.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace kb {

namespace {

void append_bounded(std::string& out, const std::string& text, std::size_t limit) {
    if (out.size() >= limit) return;
    out += text.substr(0, limit - out.size());
}

std::string pdf_text(const std::string& bytes, const ExtractLimits& limits) {
    std::vector<char> data(bytes.begin(), bytes.end());
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(data.data(), static_cast<int>(data.size())));
    if (!doc) throw ExtractionError("PDF illisible (structure endommagée).");
    if (doc->is_locked()) throw ExtractionError("PDF protégé par un mot de passe.");
    std::string out;
    for (int i = 0; i < doc->pages() && out.size() < limits.max_text_bytes; ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        if (!page) continue;
        const poppler::byte_array utf8 = page->text().to_utf8();
        append_bounded(out, std::string(utf8.begin(), utf8.end()) + "\n", limits.max_text_bytes);
    }
    return out;
}

using ZipPtr = std::unique_ptr<zip_t, decltype(&zip_discard)>;

// The entry's bytes, reading no more than `budget` decompressed bytes in all.
std::string read_entry(zip_t* archive, zip_uint64_t index, std::size_t& budget) {
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen_index(archive, index, 0),
                                                            &zip_fclose);
    if (!file) throw ExtractionError("Élément illisible dans le document.");
    std::string out;
    char buffer[65536];
    while (true) {
        const zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
        if (n < 0) throw ExtractionError("Élément endommagé dans le document.");
        if (n == 0) return out;
        if (static_cast<std::size_t>(n) > budget)
            throw ExtractionError("Le document se décompresse en un volume démesuré.");
        budget -= static_cast<std::size_t>(n);
        out.append(buffer, static_cast<std::size_t>(n));
    }
}

bool is_paragraph(const xmlNode* node) {
    const std::string name = reinterpret_cast<const char*>(node->name);
    return name == "p" || name == "h" || name == "tr" || name == "si" || name == "row";
}

void collect_text(const xmlNode* node, std::string& out, std::size_t limit) {
    for (; node && out.size() < limit; node = node->next) {
        if (node->type == XML_TEXT_NODE && node->content) {
            append_bounded(out, reinterpret_cast<const char*>(node->content), limit);
        } else if (node->type == XML_ELEMENT_NODE) {
            const std::string name = reinterpret_cast<const char*>(node->name);
            if (name == "tab" || name == "s" || name == "br") append_bounded(out, " ", limit);
            collect_text(node->children, out, limit);
            if (is_paragraph(node)) append_bounded(out, "\n", limit);
        }
    }
}

void xml_text(const std::string& xml, std::string& out, std::size_t limit) {
    // No network, no entity substitution (no entity expansion bombs), no DTD loading.
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
        xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "part.xml", nullptr,
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
        &xmlFreeDoc);
    if (!doc) throw ExtractionError("XML illisible dans le document.");
    collect_text(xmlDocGetRootElement(doc.get()), out, limit);
}

// Which entries hold the text of each office format, in reading order.
bool holds_text(const std::string& mime, const std::string& name) {
    if (mime.find("opendocument") != std::string::npos) return name == "content.xml";
    if (mime.find("wordprocessingml") != std::string::npos) return name == "word/document.xml";
    if (mime.find("spreadsheetml") != std::string::npos)
        return name == "xl/sharedStrings.xml" || name.rfind("xl/worksheets/sheet", 0) == 0;
    if (mime.find("presentationml") != std::string::npos)
        return name.rfind("ppt/slides/slide", 0) == 0 && name.size() > 4 &&
               name.compare(name.size() - 4, 4, ".xml") == 0;
    return false;
}

std::string office_text(const std::string& bytes, const std::string& mime,
                        const ExtractLimits& limits) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip_t* raw = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
    zip_error_fini(&error);
    if (!raw) {
        if (source) zip_source_free(source);
        throw ExtractionError("Archive du document illisible.");
    }
    ZipPtr archive(raw, &zip_discard);
    std::vector<std::pair<std::string, zip_uint64_t>> parts;
    const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        const char* name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), 0);
        if (name && holds_text(mime, name)) parts.emplace_back(name, i);
    }
    std::sort(parts.begin(), parts.end());
    std::size_t budget = limits.max_unzipped_bytes;
    std::string out;
    for (const auto& [name, index] : parts) {
        xml_text(read_entry(archive.get(), index, budget), out, limits.max_text_bytes);
        append_bounded(out, "\n", limits.max_text_bytes);
    }
    return out;
}

std::string latin1_to_utf8(const std::string& bytes) {
    std::string out;
    for (unsigned char c : bytes) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else {
            out += static_cast<char>(0xc0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3f));
        }
    }
    return out;
}

}  // namespace

std::string extract_text(const std::string& bytes, const std::string& mime,
                         const ExtractLimits& limits) {
    std::string text;
    if (mime == "application/pdf") {
        text = pdf_text(bytes, limits);
    } else if (mime.find("opendocument") != std::string::npos ||
               mime.find("openxmlformats") != std::string::npos) {
        text = office_text(bytes, mime, limits);
    } else if (mime.rfind("text/", 0) == 0) {
        text = bytes.substr(0, limits.max_text_bytes);
        if (!is_valid_utf8(text)) text = latin1_to_utf8(text);
    } else {
        return "";
    }
    // Cutting at the byte bound may have split the last character; PostgreSQL takes no NUL.
    for (int i = 0; i < 3 && !text.empty() && !is_valid_utf8(text); ++i) text.pop_back();
    if (!is_valid_utf8(text))
        throw ExtractionError("Le texte extrait n'est pas de l'UTF-8 valide.");
    text.erase(std::remove(text.begin(), text.end(), '\0'), text.end());
    return text;
}

}  // namespace kb
