#!/usr/bin/env bash
# Store write cost against the number of rows in the scope written (an EC2 Region holds all of a
# kind's rows in one scope): ns per single-row write into scopes of 5,500 and 55,000 rows, i.e.
# the subnets of 500 and 5,000 VPCs. Runs WriteBench.java against stratus-core's compiled classes.
#   bench/store/run.sh          (builds stratus-core first if it is not compiled)
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[[ -d stratus-core/target/classes ]] || ./mvnw -q -B -ntp -pl stratus-core -DskipTests compile
CP=$(./mvnw -q -B -ntp -pl stratus-core dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=compile)
exec "$JAVA_HOME/bin/java" -cp "stratus-core/target/classes:$CP" bench/store/WriteBench.java
