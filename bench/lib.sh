# Sourced by the bench scripts: goes to the project root, picks a JDK 21+ as JAVA_HOME, packages the engine and the
# bench module, and sets $jar to the bench jar (its dependencies are in bench/target/lib).

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

java_major() { # prints the feature version of the java in JDK home $1, or 0
  local v
  v="$("$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
  v="${v#1.}"
  echo "${v:-0}"
}

pick_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" && "$(java_major "$JAVA_HOME")" -ge 21 ]]; then
    echo "$JAVA_HOME"
    return
  fi
  local best="" best_major=0 home major
  for home in /usr/lib/jvm/*; do
    [[ -x "$home/bin/javac" ]] || continue
    major="$(java_major "$home")"
    if [[ "$major" -ge 21 && "$major" -gt "$best_major" ]]; then
      best="$home" best_major="$major"
    fi
  done
  if [[ -z "$best" ]]; then
    echo "$(basename "$0"): no JDK 21 or newer found; set JAVA_HOME" >&2
    exit 1
  fi
  echo "$best"
}

JAVA_HOME="$(pick_jdk)"
export JAVA_HOME

./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl engine,bench -am

jar="$(ls bench/target/quarry-bench-*.jar | grep -v -e '-sources' -e '-tests' | head -n 1)"
