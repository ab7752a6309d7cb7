# The Pirate Pugs entity roles: store, factory, truck, and the parts they share (pugs/).
# Included by tests/unit/roles/CMakeLists.txt. Until portolan_node lists these sources
# (PORTOLAN_NODE_ROLE_SOURCES; entitystore.cpp in PORTOLAN_NODE_STORE_SOURCES), the tests
# compile them directly; once it does, they link portolan_node instead, so this file
# needs no change then.
set(_pugs_role_sources
    roles/store.cpp
    roles/factory.cpp
    roles/truck.cpp
    roles/pugs/childrequest.cpp
    roles/pugs/jsonvalues.cpp
    roles/pugs/mappoint.cpp
    roles/pugs/requestfields.cpp
    roles/pugs/storefind.cpp
    roles/pugs/truckjob.cpp
    roles/pugs/truckroute.cpp)

get_target_property(_pugs_node_sources portolan_node SOURCES)
set(_pugs_compiled)
set(_pugs_links)
if("roles/store.cpp" IN_LIST _pugs_node_sources)
    list(APPEND _pugs_links portolan_node)
else()
    foreach(_source IN LISTS _pugs_role_sources)
        list(APPEND _pugs_compiled ${PROJECT_SOURCE_DIR}/src/node/${_source})
    endforeach()
endif()
if(NOT "store/entitystore.cpp" IN_LIST _pugs_node_sources)
    list(APPEND _pugs_compiled ${PROJECT_SOURCE_DIR}/src/node/store/entitystore.cpp)
endif()
list(APPEND _pugs_links portolan_wire Qt6::Sql)

foreach(_role IN ITEMS store factory truck)
    portolan_test(tst_${_role}role
        SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_${_role}role.cpp ${_pugs_compiled}
        LINKS ${_pugs_links}
        LABELS unit roles)
    # For support/fakerolecontext.h.
    target_include_directories(tst_${_role}role PRIVATE ${PROJECT_SOURCE_DIR}/tests)
endforeach()
