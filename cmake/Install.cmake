# `cmake --install build --prefix P` and `cpack -G DEB` (run in build/).
#
# Layout under the prefix:
#   bin/ctxloss bin/ctxloss-tidy bin/ctxloss-clangd
#   lib/libctxloss-tidy.so               (the plugin for the stock clang-tidy-22)
#   include/ctxloss/context.h            (the runtime header users include)
#   share/doc/ctxloss/                   (README.md and docs/)
#
# Clang's resource directory (the builtin headers such as <stddef.h>) is not
# installed: the tools look for <prefix>/lib/clang/<major>, then fall back to
# the directory of the Clang they were built against (tool/ResourceDir.cpp).
# Both are Debian's libclang-common-22-dev (/usr/lib/clang/22 and
# /usr/lib/llvm-22/lib/clang/22), which the package depends on; a copy of
# Clang's headers in the package would clash with that package's files.
#
# The binaries keep no RPATH: every shared library they load is on the
# default search path (libLLVM.so.22.1 and libclang-cpp.so.22.1 are in
# /usr/lib/x86_64-linux-gnu through Debian's symlinks).

set(CTXLOSS_INSTALL_PLUGIN_DIR "lib" CACHE STRING
  "Where the clang-tidy plugin is installed, relative to the prefix")
set(CTXLOSS_INSTALL_DOC_DIR "share/doc/ctxloss" CACHE STRING
  "Where the documentation is installed, relative to the prefix")

install(TARGETS ctxloss ctxloss-tidy ctxloss-clangd
  RUNTIME DESTINATION bin COMPONENT ctxloss)
install(TARGETS ctxloss-tidy-plugin
  LIBRARY DESTINATION "${CTXLOSS_INSTALL_PLUGIN_DIR}" COMPONENT ctxloss)
install(DIRECTORY include/ctxloss DESTINATION include COMPONENT ctxloss)
install(FILES README.md DESTINATION "${CTXLOSS_INSTALL_DOC_DIR}"
  COMPONENT ctxloss)
install(DIRECTORY docs/ DESTINATION "${CTXLOSS_INSTALL_DOC_DIR}"
  COMPONENT ctxloss)

# The .deb. Depends are the Debian 12 packages that own the shared libraries
# the three binaries and the plugin load (`ldd` on each, `dpkg -S` on each
# library; test/tool/cpack-deb.test checks the list against them), plus the
# builtin headers above and the stock clang-tidy-22 the plugin loads into.
set(CPACK_PACKAGE_NAME "ctxloss")
set(CPACK_PACKAGE_VENDOR "ctxloss")
set(CPACK_PACKAGE_CONTACT "ctxloss maintainers <ctxloss@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "Clang-based analyzer for context-loss bugs (clang-tidy checks, driver)")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_PACKAGE_DIRECTORY "${CMAKE_BINARY_DIR}/packages")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE "amd64")
# The versions are those dpkg-shlibdeps gives for these binaries on Debian
# 12; the LLVM packages are pinned to the LLVM release built against (the
# plugin has no stable ABI: only the clang-tidy-22 it was built with loads it).
set(CTXLOSS_LLVM_DEB_VERSION "1:${LLVM_PACKAGE_VERSION}")
set(CTXLOSS_DEB_DEPENDS
  "libc6 (>= 2.34)"
  "libstdc++6 (>= 12)"
  "libgcc-s1 (>= 3.0)"
  "libllvm22 (>= ${CTXLOSS_LLVM_DEB_VERSION})"
  "libclang-cpp22 (>= ${CTXLOSS_LLVM_DEB_VERSION})"
  "libclang-common-22-dev (>= ${CTXLOSS_LLVM_DEB_VERSION})"
  "clang-tidy-22 (>= ${CTXLOSS_LLVM_DEB_VERSION})"
  "libgrpc++1.51 (>= 1.51.1)"
  "libgrpc29 (>= 1.51.1)"
  "libabsl20220623 (>= 0~20220623.0-1)"
  "libprotobuf32 (>= 3.21.12)"
  )
list(JOIN CTXLOSS_DEB_DEPENDS ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${CTXLOSS_HOMEPAGE_URL}")
include(CPack)
