// SPDX-License-Identifier: MIT
// Where the suite finds its data. The folders are compiled into main_test.cpp alone
// (tests/CMakeLists.txt), because ccache keys on the command line: with them on every
// file's command line, a clone in another folder (a CI run) rebuilt the whole suite.
#pragma once

namespace bitsig::test {

/// `../shared` beside the project (the BBM collection); tests that need it skip without it.
const char* shared_dir();
/// The project's root (networks/, tests/data/).
const char* source_dir();

}  // namespace bitsig::test

#define BITSIG_SHARED_DIR (::bitsig::test::shared_dir())
#define BITSIG_SOURCE_DIR (::bitsig::test::source_dir())
