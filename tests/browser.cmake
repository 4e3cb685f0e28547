# The HTML report in a real browser: Debian's headless Chromium (installed by scripts/bootstrap;
# missing, the test fails) renders a sample report; the DOM is checked and a screenshot is kept
# in the build tree (its path is printed).
find_package(Python3 REQUIRED COMPONENTS Interpreter)

add_executable(html_report_sample browser/html_report_sample.cpp)
target_link_libraries(html_report_sample PRIVATE hotlive_core hotlive_sanitizers hotlive_warnings)

add_test(NAME html_report_browser_test
  COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/browser/html_report_browser_test.py
    --sample $<TARGET_FILE:html_report_sample>
    --chromium /usr/bin/chromium
    --harness ${CMAKE_CURRENT_SOURCE_DIR}/browser/harness.html
    --out ${CMAKE_CURRENT_BINARY_DIR}/html_report_browser)
set_tests_properties(html_report_browser_test PROPERTIES TIMEOUT 600)

# The live wall-screen during a paced run against the emulator (a few dozen calls, ~10 s), driven
# over the DevTools protocol; the mid-run screenshot is kept in the build tree.
add_test(NAME wall_screen_browser_test
  COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/browser/wall_screen_browser_test.py
    --hotlive $<TARGET_FILE:hotlive>
    --chromium /usr/bin/chromium
    --out ${CMAKE_CURRENT_BINARY_DIR}/wall_screen_browser)
set_tests_properties(wall_screen_browser_test PROPERTIES TIMEOUT 300)
