# Finds a JDK >= 21 for Stratus; sourced by ./stratus and ./mvnw (POSIX sh, no side effects).
# stratus_find_jdk prints the JDK's home: $JAVA_HOME when it is a JDK >= 21, else Temurin 25,
# else any /usr/lib/jvm JDK >= 21, else the `java` on PATH when it is >= 21; nothing (status 1)
# when there is none.

# Major version of the JDK at home $1 ("21", "25"), from its release file (no JVM start), else
# from the JVM itself.
stratus_jdk_major() {
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release"
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n1
  fi
}

# True when $1 is the home of a JDK (java and javac) of major version >= 21.
stratus_is_jdk21() {
  [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  _stratus_major="$(stratus_jdk_major "$1")"
  [ -n "$_stratus_major" ] && [ "$_stratus_major" -ge 21 ]
}

stratus_find_jdk() {
  if stratus_is_jdk21 "${JAVA_HOME:-}"; then printf '%s\n' "$JAVA_HOME"; return 0; fi
  # Globs are expanded here even when the caller runs with `set -f` (mvnw does).
  case $- in *f*) _stratus_noglob=1; set +f ;; *) _stratus_noglob= ;; esac
  for _stratus_home in /usr/lib/jvm/temurin-25* /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if stratus_is_jdk21 "$_stratus_home"; then
      [ -z "$_stratus_noglob" ] || set -f
      printf '%s\n' "$_stratus_home"; return 0
    fi
  done
  [ -z "$_stratus_noglob" ] || set -f
  if command -v java >/dev/null 2>&1; then
    _stratus_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    if stratus_is_jdk21 "$_stratus_home"; then printf '%s\n' "$_stratus_home"; return 0; fi
  fi
  return 1
}
