# The network side (src/net/), included from tests/CMakeLists.txt: transport_error as an error
# code, how a failed exchange reads, and the client's connection pool against a server on
# 127.0.0.1, and TLS over it (tls_stream).
hotlive_test(transport_test net/transport_test.cpp)
hotlive_test(exchange_error_test net/exchange_error_test.cpp)
target_link_libraries(exchange_error_test PRIVATE hotlive_net)
hotlive_test(api_client_test net/api_client_test.cpp)
target_link_libraries(api_client_test PRIVATE hotlive_net)
hotlive_test(deadline_watch_test net/deadline_watch_test.cpp)
target_link_libraries(deadline_watch_test PRIVATE hotlive_net)
hotlive_test(tls_stream_test net/tls_stream_test.cpp)
target_link_libraries(tls_stream_test PRIVATE hotlive_net)
target_compile_definitions(tls_stream_test PRIVATE HOTLIVE_TEST_CERTS="${HOTLIVE_TEST_CERTS_DIR}")
set_tests_properties(tls_stream_test PROPERTIES FIXTURES_REQUIRED hotlive_test_certs)
