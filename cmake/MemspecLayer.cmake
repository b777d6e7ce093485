# memspec_layer(TARGET LAYER [DIR dir] [INSTALL]): makes TARGET the library of one layer (README.md,
# "Layers"). Its headers are included as <memspec/LAYER/name.hpp> through an include root that holds
# that layer alone — a symbolic link build/include-roots/LAYER/memspec/LAYER to the layer's folder —
# so a target sees exactly the layers it links, and nothing puts the repository root on an include
# path. tests/layers/check_layers.py checks the same rules from the #include lines.
function(memspec_layer target layer)
  cmake_parse_arguments(ARG "INSTALL" "DIR" "" ${ARGN})
  if(NOT ARG_DIR)
    set(ARG_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  endif()
  set(root ${PROJECT_BINARY_DIR}/include-roots/${layer})
  file(MAKE_DIRECTORY ${root}/memspec)
  if(NOT IS_SYMLINK ${root}/memspec/${layer})
    file(CREATE_LINK ${ARG_DIR} ${root}/memspec/${layer} SYMBOLIC)
  endif()
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    set(scope INTERFACE)
  else()
    set(scope PUBLIC)
  endif()
  target_include_directories(${target} ${scope} $<BUILD_INTERFACE:${root}> $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${layer})
  if(ARG_INSTALL)
    install(DIRECTORY ${ARG_DIR}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/memspec/${layer}
            FILES_MATCHING PATTERN "*.hpp" PATTERN "chips" EXCLUDE)
  endif()
endfunction()
