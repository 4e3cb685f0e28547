# Install rules and the Debian package (CPack's DEB generator), included from the top-level
# CMakeLists.txt; scripts/package builds it. Paths are relative to the prefix, /usr in the package.
install(TARGETS hotlive RUNTIME DESTINATION bin)
install(FILES ${HOTLIVE_COMPLETION} DESTINATION share/bash-completion/completions RENAME hotlive)
install(DIRECTORY ${HOTLIVE_MAN_DIR}/ DESTINATION share/man/man1 FILES_MATCHING PATTERN "*.1.gz")
install(FILES ${PROJECT_SOURCE_DIR}/plans/hotlive-plan.schema.json DESTINATION share/hotlive)
file(GLOB HOTLIVE_EXAMPLE_PLANS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/plans/*.yaml)
install(FILES ${HOTLIVE_EXAMPLE_PLANS} DESTINATION share/doc/hotlive/examples)
# The plans name their schema as ./hotlive-plan.schema.json (for editors): a link to the one copy.
file(MAKE_DIRECTORY ${HOTLIVE_DOCS_DIR})
file(CREATE_LINK ../../../hotlive/hotlive-plan.schema.json ${HOTLIVE_DOCS_DIR}/hotlive-plan.schema.json SYMBOLIC)
install(FILES ${HOTLIVE_DOCS_DIR}/hotlive-plan.schema.json DESTINATION share/doc/hotlive/examples)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/lintian-overrides DESTINATION share/lintian/overrides RENAME hotlive)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${CMAKE_CURRENT_LIST_DIR}/copyright ${HOTLIVE_CHANGELOG}
  DESTINATION share/doc/hotlive)

set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
  OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME hotlive)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${HOTLIVE_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${HOTLIVE_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # hotlive_VERSION_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The synopsis is the project's DESCRIPTION (CMakeLists.txt); this is the text under it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "hotlive turns a YAML plan of RTC-ingested live streams, and the regions
to warm them in, into signed HotLiveRtcStream calls to Alibaba Cloud
ApsaraVideo Live. It sends them in scheduled waves under the account's
quota, retries what is worth retrying, and writes a report of which stream
is warm in which region and what to do about the rest. It includes a local
emulator of the endpoint for rehearsals.")
# Depends: what dpkg-shlibdeps finds the binary linked to, never a list kept by hand.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# TLS to the Live endpoint and STS verifies against the system's CA store.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS ca-certificates)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The debug information goes to hotlive-dbgsym (a .ddeb), found by the binary's build id. CPackDeb
# copies it out, then strips the binary itself (objcopy --strip-unneeded): so no CPACK_STRIP_FILES,
# the files must reach it unstripped.
set(CPACK_DEBIAN_DEBUGINFO_PACKAGE ON)
# Before that: the binary's .comment section (compiler names, one per object) has no use.
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/remove-comment.cmake)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/package)
include(CPack)
