/// @brief The kb-indexer command line: options, one indexing pass, summary and exit status.
#pragma once

namespace kb {

int run_indexer_cli(int argc, char** argv);

}  // namespace kb
