# scripts/ci/lib.sh — sourced by scripts/test. Runs each CI stage with a header, times it, keeps
# going after a failure (so one run shows every problem), and records the outcome in $CI_OUT for
# scripts/ci/report.py, which prints the summary and decides the exit code.

CI_OUT=${CI_OUT:-$PWD/build-ci}
rm -rf "$CI_OUT"
mkdir -p "$CI_OUT"
: >"$CI_OUT/stages.tsv"

# stage NAME COMMAND...: runs COMMAND (a shell function or program), never aborting the script.
stage() {
	local name=$1 start rc
	shift
	printf '\n==================== stage: %s ====================\n' "$name"
	start=$(date +%s)
	"$@"
	rc=$?
	local secs=$(($(date +%s) - start))
	if [ "$rc" -eq 0 ]; then
		printf -- '---- stage %s: PASS (%d s)\n' "$name" "$secs"
	else
		printf -- '---- stage %s: FAIL, exit %d (%d s)\n' "$name" "$rc" "$secs"
	fi
	printf '%s\t%d\t%d\n' "$name" "$rc" "$secs" >>"$CI_OUT/stages.tsv"
	return 0
}

# stage_ok NAME: did that stage pass (so later stages that need its build can say why they skip)?
stage_ok() {
	awk -F'\t' -v n="$1" '$1 == n && $2 == 0 { ok = 1 } END { exit !ok }' "$CI_OUT/stages.tsv"
}

# run_ctest BUILD_DIR TAG [ctest args...]: the suite of one build; results go to junit-TAG.xml.
run_ctest() {
	local dir=$1 tag=$2
	shift 2
	ctest --test-dir "$dir" --output-on-failure -j"$(nproc)" --timeout 300 \
		--output-junit "$CI_OUT/junit-$tag.xml" "$@"
}
