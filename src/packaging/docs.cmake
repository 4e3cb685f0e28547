# What the Debian package ships beside the binary, generated from the binary at build time
# (included from the top-level CMakeLists.txt): the man pages (help2man over each --help), the
# bash completion (`hotlive completion bash`) and the changelog. Off with -DHOTLIVE_DOCS=OFF.
set(HOTLIVE_PACKAGE_MAINTAINER "hotlive maintainers <maintainers@users.noreply.r-seed-def165b6.example>"
  CACHE STRING "Maintainer field of the Debian package and its changelog")

set(HOTLIVE_DOCS_DIR ${CMAKE_BINARY_DIR}/docs)
set(HOTLIVE_MAN_DIR ${HOTLIVE_DOCS_DIR}/man1)
set(HOTLIVE_COMPLETION ${HOTLIVE_DOCS_DIR}/hotlive.bash-completion)
set(HOTLIVE_CHANGELOG ${HOTLIVE_DOCS_DIR}/changelog.gz)

find_program(HELP2MAN_PROGRAM help2man REQUIRED)
# One stamp for every page: the set of pages follows the subcommands `hotlive --help` lists.
add_custom_command(OUTPUT ${HOTLIVE_MAN_DIR}/stamp
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/man-pages $<TARGET_FILE:hotlive> ${PROJECT_SOURCE_DIR} ${HOTLIVE_MAN_DIR}
  COMMAND ${CMAKE_COMMAND} -E touch ${HOTLIVE_MAN_DIR}/stamp
  DEPENDS hotlive ${CMAKE_CURRENT_LIST_DIR}/man-pages ${CMAKE_CURRENT_LIST_DIR}/sections.sed
  COMMENT "Writing the man pages from hotlive's --help"
  VERBATIM)
add_custom_command(OUTPUT ${HOTLIVE_COMPLETION}
  COMMAND sh -c "\"$1\" completion bash > \"$2\"" sh $<TARGET_FILE:hotlive> ${HOTLIVE_COMPLETION}
  DEPENDS hotlive
  COMMENT "Writing the bash completion"
  VERBATIM)
# Rewritten when the commit changes: build_info.cpp is rewritten exactly then.
add_custom_command(OUTPUT ${HOTLIVE_CHANGELOG}
  COMMAND ${CMAKE_CURRENT_LIST_DIR}/changelog ${PROJECT_SOURCE_DIR} ${PROJECT_VERSION}
    ${HOTLIVE_PACKAGE_MAINTAINER} ${HOTLIVE_CHANGELOG}
  DEPENDS ${CMAKE_BINARY_DIR}/src/generated/build_info.cpp ${CMAKE_CURRENT_LIST_DIR}/changelog
  COMMENT "Writing the package's changelog"
  VERBATIM)
add_custom_target(hotlive_docs ALL DEPENDS ${HOTLIVE_MAN_DIR}/stamp ${HOTLIVE_COMPLETION} ${HOTLIVE_CHANGELOG})
add_dependencies(hotlive_docs hotlive_build_info_cpp)
