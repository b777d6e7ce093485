#!/usr/bin/env bash
# The repository's documents stand alone: no tracked file may point a reader at something the
# repository does not hold — a tracker's issue number (the word followed by a number, with or
# without "#") or the outside design sketch the project started from (the word "seed" followed by
# "guide" or "document"), which was never part of the tree. Say what is meant instead: the content
# itself, a rule number, or a file in the repository (spec/memory.md §N).
#
#   tests/docs/standalone_docs.sh REPO_ROOT
#
# Prints every offending line as FILE:LINE:TEXT. Exit status: 0 none, 1 some, 2 when git grep
# fails, 77 (ctest's skip) when REPO_ROOT is not a git checkout (a source tarball). The word
# "issue(s)" without a number, commit hashes, JSON ids and advisory wording do not match. This
# script is left out of its own search.
set -u
root=${1:?usage: standalone_docs.sh REPO_ROOT}
self=tests/docs/standalone_docs.sh
if ! git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "standalone_docs: $root is not a git checkout; skipped"
  exit 77
fi

# The word, optionally plural, then a number, with or without "#" (so "issues" followed by a
# number range matches too) — but not a number that starts a compound like "1-cell".
issue_ref='\bissues?[[:space:]]?#?[0-9]+([^-0-9a-z]|$)'
seed_guide='\bseed[- ]?(guide|document)'

git -C "$root" grep -nIiE -e "$issue_ref" -e "$seed_guide" -- . ":(exclude)$self"
status=$?
case $status in
  0) echo "standalone_docs: the lines above refer to a tracker's issue numbers or to the outside design sketch;" \
          "say what is meant instead (see $self)" >&2
     exit 1 ;;
  1) echo "standalone_docs: no references to a tracker's issue numbers or to the outside design sketch"
     exit 0 ;;
  *) echo "standalone_docs: git grep failed in $root (status $status)" >&2
     exit 2 ;;
esac
