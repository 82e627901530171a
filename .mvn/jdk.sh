# Sourced by ../mvnw and ../portico (POSIX sh): sets JAVA_HOME to a JDK that can build Portico.
#
# The function runs on Lambda's java25 runtime, so it is compiled for Java 25 (maven.compiler.release in pom.xml)
# and the build needs a JDK 25 or newer. Kept: a JAVA_HOME that is one already. Else the first JDK 25 found, then
# the newest JDK above 25, looking at the `java` on PATH and the usual install folders below. None: one line on
# stderr and exit 1. PORTICO_JDK_VERBOSE=1 says which JDK was picked.

portico_jdk_required=25

# The feature version of the JDK at $1 (from its `release` file), or nothing when $1 is not a JDK.
portico_jdk_feature() {
  [ -x "$1/bin/javac" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}

portico_jdk_pick() {
  portico_jdk_best=
  portico_jdk_best_feature=0
  case $- in *f*) portico_jdk_noglob=1; set +f ;; *) portico_jdk_noglob= ;; esac
  portico_jdk_path_java=$(command -v javac 2>/dev/null || true)
  if [ -n "$portico_jdk_path_java" ]; then
    portico_jdk_path_java=$(dirname "$(dirname "$(readlink -f "$portico_jdk_path_java" 2>/dev/null || echo "$portico_jdk_path_java")")")
  fi
  for portico_jdk_home in "$portico_jdk_path_java" /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      "${HOME:-/nonexistent}"/.sdkman/candidates/java/* "${HOME:-/nonexistent}"/.jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$portico_jdk_home" ] && [ -d "$portico_jdk_home" ] || continue
    portico_jdk_f=$(portico_jdk_feature "$portico_jdk_home")
    [ -n "$portico_jdk_f" ] || continue
    if [ "$portico_jdk_f" -eq "$portico_jdk_required" ]; then
      portico_jdk_best=$portico_jdk_home
      break
    fi
    if [ "$portico_jdk_f" -gt "$portico_jdk_required" ] && [ "$portico_jdk_f" -gt "$portico_jdk_best_feature" ]; then
      portico_jdk_best=$portico_jdk_home
      portico_jdk_best_feature=$portico_jdk_f
    fi
  done
  [ -z "$portico_jdk_noglob" ] || set -f
  printf %s "$portico_jdk_best"
}

portico_jdk_current=$(portico_jdk_feature "${JAVA_HOME:-/nonexistent}")
if [ -z "$portico_jdk_current" ] || [ "$portico_jdk_current" -lt "$portico_jdk_required" ]; then
  portico_jdk_found=$(portico_jdk_pick)
  if [ -z "$portico_jdk_found" ]; then
    echo "portico: the build needs a JDK $portico_jdk_required or newer (the function runs on Lambda's java$portico_jdk_required runtime);" \
      "none found in JAVA_HOME, on PATH, or in /usr/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks:" \
      "install one or set JAVA_HOME to it" >&2
    exit 1
  fi
  JAVA_HOME=$portico_jdk_found
  export JAVA_HOME
fi
[ -z "${PORTICO_JDK_VERBOSE:-}" ] || echo "portico: JDK $(portico_jdk_feature "$JAVA_HOME") at $JAVA_HOME" >&2
