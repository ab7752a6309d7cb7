# Installation layout and the Debian package: `cpack -G DEB` in a build directory makes
# portolan_<version>_amd64.deb. packaging/check-package.sh builds, installs and checks it.
#
#   /usr/bin/portolan, /usr/bin/portolan-node
#   /usr/libexec/portolan/        portolan-node-router, portolan-node-entity (exec'd by
#                                 portolan-node for the node's kind)
#   /usr/share/portolan/          a mirror of resources/: scenarios/, maps/, icons/ (a
#                                 scenario's map path is relative to resources/, and the
#                                 console finds it from the scenario's folder as ../maps/...)
#   /usr/share/applications/, /usr/share/metainfo/, /usr/share/icons/hicolor/
#   /usr/share/man/man1/          portolan.1.gz, portolan-node.1.gz
#   /usr/lib/systemd/system/      portolan-node@.service
#   /usr/share/doc/portolan/      install.md, examples/ (node configurations)

include(GNUInstallDirs)

set(PORTOLAN_APP_ID io.portolan.Portolan)
set(PORTOLAN_PACKAGING_DIR ${PROJECT_SOURCE_DIR}/packaging)
set(PORTOLAN_PACKAGING_OUT ${PROJECT_BINARY_DIR}/packaging)
set(PORTOLAN_ICON_SIZES 16 22 24 32 48 64 128 256)

# ---- generated files: PNG icons and compressed man pages ---------------------------

qt_add_executable(portolan_rendericon ${PORTOLAN_PACKAGING_DIR}/iconrender/rendericon.cpp)
target_link_libraries(portolan_rendericon PRIVATE Qt6::Gui Qt6::Svg)
set_target_properties(portolan_rendericon PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PORTOLAN_PACKAGING_OUT})
portolan_strict(portolan_rendericon)

set(_portolan_icon_svg ${PORTOLAN_PACKAGING_DIR}/icons/portolan.svg)
set(_portolan_icon_args)
set(_portolan_icon_pngs)
foreach(size IN LISTS PORTOLAN_ICON_SIZES)
    set(png ${PORTOLAN_PACKAGING_OUT}/icons/${size}x${size}/${PORTOLAN_APP_ID}.png)
    list(APPEND _portolan_icon_args ${size} ${png})
    list(APPEND _portolan_icon_pngs ${png})
endforeach()
add_custom_command(
    OUTPUT ${_portolan_icon_pngs}
    COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen
            $<TARGET_FILE:portolan_rendericon> ${_portolan_icon_svg} ${_portolan_icon_args}
    DEPENDS portolan_rendericon ${_portolan_icon_svg}
    COMMENT "Rendering the application icon at ${PORTOLAN_ICON_SIZES} pixels"
    VERBATIM)

# Debian wants man pages gzip-compressed, without a time stamp (-n) for reproducibility.
find_program(PORTOLAN_GZIP gzip REQUIRED)
set(_portolan_man_pages)
foreach(page portolan.1 portolan-node.1)
    set(out ${PORTOLAN_PACKAGING_OUT}/man/${page}.gz)
    add_custom_command(
        OUTPUT ${out}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${PORTOLAN_PACKAGING_OUT}/man
        COMMAND ${PORTOLAN_GZIP} -9 -n -c ${PORTOLAN_PACKAGING_DIR}/man/${page} > ${out}
        DEPENDS ${PORTOLAN_PACKAGING_DIR}/man/${page}
        COMMENT "Compressing the man page ${page}"
        VERBATIM)
    list(APPEND _portolan_man_pages ${out})
endforeach()

add_custom_target(portolan_package_files ALL DEPENDS ${_portolan_icon_pngs} ${_portolan_man_pages})

# ---- install rules -----------------------------------------------------------------

install(TARGETS portolan portolan-node RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# What portolan-node execs by the node's kind (src/app/node_main.cpp); not for the PATH.
install(TARGETS portolan-node-router portolan-node-entity RUNTIME DESTINATION ${PORTOLAN_NODE_EXECUTABLE_INSTALL_DIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/ DESTINATION ${CMAKE_INSTALL_DATADIR}/portolan)

install(FILES ${PORTOLAN_PACKAGING_DIR}/portolan.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications RENAME ${PORTOLAN_APP_ID}.desktop)
install(FILES ${PORTOLAN_PACKAGING_DIR}/${PORTOLAN_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${_portolan_icon_svg}
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps RENAME ${PORTOLAN_APP_ID}.svg)
foreach(size IN LISTS PORTOLAN_ICON_SIZES)
    install(FILES ${PORTOLAN_PACKAGING_OUT}/icons/${size}x${size}/${PORTOLAN_APP_ID}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()

install(FILES ${_portolan_man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# Relative to the prefix, so the unit lands in /usr/lib/systemd/system, where systemd
# looks for units that packages ship.
install(FILES ${PORTOLAN_PACKAGING_DIR}/systemd/portolan-node@.service DESTINATION lib/systemd/system)

set(_portolan_docdir ${CMAKE_INSTALL_DATADIR}/doc/portolan)
install(FILES ${PROJECT_SOURCE_DIR}/docs/install.md ${PROJECT_SOURCE_DIR}/docs/protocol.md
              ${PROJECT_SOURCE_DIR}/docs/scenarios.md
        DESTINATION ${_portolan_docdir})
# Debian policy: the licence in /usr/share/doc/<package>/copyright.
install(FILES ${PORTOLAN_PACKAGING_DIR}/debian/copyright DESTINATION ${_portolan_docdir})
install(DIRECTORY ${PORTOLAN_PACKAGING_DIR}/examples/ DESTINATION ${_portolan_docdir}/examples
        FILES_MATCHING PATTERN "*.json")

# ---- the Debian package ------------------------------------------------------------

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME portolan)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The Portolan developers")
set(CPACK_PACKAGE_CONTACT "The Portolan developers <portolan@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "build, run, break and explain messaging networks")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "build, run, break and explain messaging networks
Portolan builds application-layer messaging networks out of real processes: a
mesh of interior and edge routers carrying HTTP-style requests between stores,
factories, trucks, workers and other services, each with its own SQLite
database. A scenario file describes the network, a timeline of failures and
the expectations it must meet.
.
This package contains the console (portolan), the node (portolan-node) with a
systemd template unit for running nodes on other hosts, and the shipped
scenarios.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# portolan_<version>_<arch>.deb
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Shared libraries the binaries link (Qt, yaml-cpp, libstdc++) come from dpkg-shlibdeps
# (package dpkg-dev). Plugins and QML modules are loaded at run time and invisible to it:
# the SQLite driver is required by every entity node, the QML modules that qml/ imports
# (QtQuick, QtQuick.Layouts, and QtQml with its WorkerScript, which QtQuick imports) by
# the presentation view; the platform themes and Wayland are optional.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libqt6sql6-sqlite, qml6-module-qtquick, qml6-module-qtquick-layouts, qml6-module-qtqml, qml6-module-qtqml-workerscript")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-qpa-plugins, qt6-wayland")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PORTOLAN_PACKAGING_DIR}/debian/postinst
    ${PORTOLAN_PACKAGING_DIR}/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
