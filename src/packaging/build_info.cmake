# hotlive_build_info: this_build() (include/hotlive/build_info.hpp), from a unit generated at every
# build with the current commit (included from src/CMakeLists.txt). The target always runs, but
# its output is rewritten only when the text changes and Ninja checks the output's time again
# (BYPRODUCTS, restat), so an unchanged commit rebuilds nothing.
set(HOTLIVE_BUILD_INFO_CPP ${CMAKE_CURRENT_BINARY_DIR}/generated/build_info.cpp)
add_custom_target(hotlive_build_info_cpp
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DOUTPUT=${HOTLIVE_BUILD_INFO_CPP}
    -DHOTLIVE_VERSION=${PROJECT_VERSION} -DHOTLIVE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
    -P ${CMAKE_CURRENT_LIST_DIR}/write_build_info.cmake
  BYPRODUCTS ${HOTLIVE_BUILD_INFO_CPP}
  COMMENT "Checking the git commit for hotlive --version"
  VERBATIM)
add_library(hotlive_build_info STATIC ${HOTLIVE_BUILD_INFO_CPP})
add_dependencies(hotlive_build_info hotlive_build_info_cpp)
target_include_directories(hotlive_build_info PRIVATE ${PROJECT_SOURCE_DIR}/include)
target_link_libraries(hotlive_build_info PRIVATE hotlive_warnings hotlive_sanitizers)
