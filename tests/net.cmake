# The network side (src/net/), included from tests/CMakeLists.txt.
hotlive_test(transport_test net/transport_test.cpp)
