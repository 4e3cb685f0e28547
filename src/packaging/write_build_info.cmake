# cmake -P write_build_info.cmake: writes OUTPUT from build_info.cpp.in with the source tree's
# commit. Run at every build; configure_file leaves OUTPUT untouched when its text is the same, so
# only a new commit (or a change between clean and dirty) recompiles it.
#   -DSOURCE_DIR=… -DOUTPUT=… -DHOTLIVE_VERSION=… -DHOTLIVE_BUILD_TYPE=…
set(HOTLIVE_COMMIT unknown)  # a source tree outside git: a tarball
find_program(GIT_PROGRAM git)
if(GIT_PROGRAM)
  execute_process(COMMAND ${GIT_PROGRAM} -C ${SOURCE_DIR} rev-parse --verify HEAD
    OUTPUT_VARIABLE head OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE head_status ERROR_QUIET)
  if(head_status EQUAL 0)
    set(HOTLIVE_COMMIT ${head})
    # Tracked files only: an untracked scratch file does not change what is built. `git status`
    # refreshes the index without failing when another git command holds its lock.
    execute_process(COMMAND ${GIT_PROGRAM} -C ${SOURCE_DIR} status --porcelain --untracked-files=no
      OUTPUT_VARIABLE changes RESULT_VARIABLE status_status ERROR_QUIET)
    if(NOT status_status EQUAL 0 OR NOT changes STREQUAL "")
      string(APPEND HOTLIVE_COMMIT -dirty)
    endif()
  endif()
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/build_info.cpp.in ${OUTPUT} @ONLY)
