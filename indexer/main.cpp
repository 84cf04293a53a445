/// @brief kb-indexer entry point: parses options and runs one indexing pass.
#include "indexer_cli.hpp"

int main(int argc, char** argv) {
    return kb::run_indexer_cli(argc, argv);
}
