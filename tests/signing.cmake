# Signing and credentials suites (included from tests/CMakeLists.txt).
hotlive_test(percent_encoding_test unit/percent_encoding_test.cpp)
hotlive_test(crypto_test unit/crypto_test.cpp)
target_include_directories(crypto_test PRIVATE ${PROJECT_SOURCE_DIR}/src)  # tests detail::
hotlive_test(signer_v3_test unit/signer_v3_test.cpp)
hotlive_test(signer_v1_test unit/signer_v1_test.cpp)
hotlive_test(nonce_test unit/nonce_test.cpp)
hotlive_test(redaction_helpers_test unit/redaction_helpers_test.cpp)
target_link_libraries(redaction_helpers_test PRIVATE fmt::fmt)  # proves secrets are not formattable
hotlive_test(credentials_test unit/credentials_test.cpp)
hotlive_test(credentials_command_test cli/credentials_command_test.cpp)
hotlive_test(cli_redaction_test cli/redaction_test.cpp)
