# The plan schema, plans/hotlive-plan.schema.json (included from tests/CMakeLists.txt).

# Debian's interpreter first: scripts/bootstrap installs python3-jsonschema and python3-yaml for
# it. Without them the test fails, saying so; it never skips.
find_program(HOTLIVE_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
find_program(HOTLIVE_PYTHON3 python3 REQUIRED)
add_test(NAME plan_schema_test
  COMMAND ${HOTLIVE_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/schema/check_plans.py
    --schema ${PROJECT_SOURCE_DIR}/plans/hotlive-plan.schema.json
    --plans ${PROJECT_SOURCE_DIR}/plans
    --accepted ${CMAKE_CURRENT_SOURCE_DIR}/schema/accepted
    --refused ${CMAKE_CURRENT_SOURCE_DIR}/schema/refused)

hotlive_test(plan_schema_keys_test schema/schema_keys_test.cpp)
