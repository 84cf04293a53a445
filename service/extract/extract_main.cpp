/// @brief kb-extract: prints the text of one file on stdout (run by the service in a child
/// process with time and memory limits, so a hostile file cannot take the service down).
#include "text_extraction.hpp"

#include <fstream>
#include <iostream>
#include <iterator>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: kb-extract FILE MIME-TYPE\n";
        return 64;
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::cerr << "Fichier introuvable.\n";
        return 2;
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    try {
        std::cout << kb::extract_text(bytes, argv[2]);
        return std::cout.flush() ? 0 : 3;
    } catch (const kb::ExtractionError& e) {
        std::cerr << e.what() << "\n";
        return 2;
    } catch (const std::bad_alloc&) {
        std::cerr << "Mémoire insuffisante pour extraire le texte.\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "Extraction impossible : " << e.what() << "\n";
        return 2;
    }
}
