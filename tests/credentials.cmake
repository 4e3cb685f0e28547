# The credential sources (src/credentials/), included from tests/CMakeLists.txt: every mode as the
# chain resolves it, and the fetchers against small servers on 127.0.0.1 and scripts.
hotlive_test(credential_resolution_test credentials/resolution_test.cpp)
target_include_directories(credential_resolution_test PRIVATE ${PROJECT_SOURCE_DIR}/src)  # tests detail::
hotlive_test(credential_fetchers_test credentials/fetchers_test.cpp credentials/fake_server.cpp)
target_link_libraries(credential_fetchers_test PRIVATE hotlive_net)
# The CLI suites that talk to a fake credential server.
foreach(suite credentials_command_test cli_redaction_test)
  target_sources(${suite} PRIVATE credentials/fake_server.cpp)
  target_link_libraries(${suite} PRIVATE hotlive_net)
endforeach()
