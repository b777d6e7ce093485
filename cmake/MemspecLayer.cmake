# memspec_layer(TARGET LAYER [DIR dir] [INSTALL]): makes TARGET the library of one layer (README.md,
# "Layers"). Every memspec header is included by its path from the repository root
# (`#include "spec/air/check.hpp"`), so the repository root is the one include root, in the build and,
# as include/memspec/, in an installed tree where the headers keep the same relative paths. Which
# layer may include which is not enforced by include roots but by tests/layers/check_layers.py, which
# reads every #include line (ctest `layers` and the `layers_reject_*` cases).
function(memspec_layer target layer)
  cmake_parse_arguments(ARG "INSTALL" "DIR" "" ${ARGN})
  if(NOT ARG_DIR)
    set(ARG_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  endif()
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    set(scope INTERFACE)
  else()
    set(scope PUBLIC)
  endif()
  target_include_directories(${target} ${scope} $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
                             $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/memspec>)
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${layer})
  if(ARG_INSTALL)
    file(RELATIVE_PATH tree_path ${PROJECT_SOURCE_DIR} ${ARG_DIR})
    install(DIRECTORY ${ARG_DIR}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/memspec/${tree_path}
            FILES_MATCHING PATTERN "*.hpp" PATTERN "chips" EXCLUDE)
  endif()
endfunction()
