# CPack runs this on the staged files before the DEB generator splits out the debug information
# and strips the binary: `objcopy --strip-unneeded` keeps .comment, which lintian (and dh_strip)
# want gone.
find_program(OBJCOPY_PROGRAM objcopy REQUIRED)
file(GLOB_RECURSE binaries ${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/bin/*)
foreach(binary IN LISTS binaries)
  execute_process(COMMAND ${OBJCOPY_PROGRAM} --remove-section=.comment ${binary} COMMAND_ERROR_IS_FATAL ANY)
endforeach()
