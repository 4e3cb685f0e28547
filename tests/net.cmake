# The network side (src/net/), included from tests/CMakeLists.txt.
hotlive_test(transport_test net/transport_test.cpp)
hotlive_test(exchange_error_test net/exchange_error_test.cpp)
target_link_libraries(exchange_error_test PRIVATE hotlive_net)
