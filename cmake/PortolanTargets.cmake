# Project-wide strictness: every Portolan target goes through portolan_strict().
function(portolan_strict target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_CAST_TO_ASCII
        QT_NO_CAST_FROM_BYTEARRAY
        QT_NO_FOREACH
        QT_NO_KEYWORDS
        QT_USE_QSTRINGBUILDER
        QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
        QT_NO_URL_CAST_FROM_STRING
        PORTOLAN_VERSION="${PROJECT_VERSION}")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
        -Wnon-virtual-dtor -Woverloaded-virtual)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        target_compile_options(${target} PRIVATE -Wshadow=local)
    endif()
    if(PORTOLAN_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

# One library per src/ folder: portolan_library(NAME SOURCES ... LINKS ...)
function(portolan_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LINKS" ${ARGN})
    qt_add_library(${name} STATIC ${ARG_SOURCES})
    # One section per function, so an executable can drop what it never calls and lay
    # out the rest in the order it runs (portolan_link_in_order).
    target_compile_options(${name} PRIVATE -ffunction-sections)
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${name} PUBLIC ${ARG_LINKS})
    portolan_strict(${name})
endfunction()

# Links an executable with lld, dropping unused functions and placing those named in
# ORDER_FILE (mangled names, hottest first) together at the start of its code. The code a
# node touches then fills a few pages instead of being spread over its whole text, which
# is a quarter of an idle node's memory. Without lld the executable links as usual.
include(CheckLinkerFlag)
check_linker_flag(CXX -fuse-ld=lld PORTOLAN_HAVE_LLD)
function(portolan_link_in_order target order_file)
    if(NOT PORTOLAN_HAVE_LLD)
        message(STATUS "lld not found: ${target} is linked without its function order (more memory per node)")
        return()
    endif()
    target_link_options(${target} PRIVATE -fuse-ld=lld LINKER:--gc-sections
        LINKER:--symbol-ordering-file=${order_file} LINKER:--no-warn-symbol-ordering)
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${order_file})
endfunction()

# A Qt Test executable registered with CTest: portolan_test(NAME SOURCES ... LINKS ... [LABELS ...])
function(portolan_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LINKS;LABELS" ${ARGN})
    qt_add_executable(${name} ${ARG_SOURCES})
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LINKS})
    portolan_strict(${name})
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;PORTOLAN_NODE_BINARY=${CMAKE_BINARY_DIR}/bin/portolan-node")
endfunction()
