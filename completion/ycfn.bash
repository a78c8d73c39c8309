# bash completion for ycfn — the Yandex Cloud Functions console in the terminal.
# Installed as share/bash-completion/completions/ycfn.

_ycfn_global_flags="--profile --cloud-id --folder-id --endpoint --token --iam-token --sa-key --ca-file --lang
--format --debug-log --demo --demo-state --demo-generate --demo-latency-ms --function-id --function-name --help
--version"

_ycfn_runtimes="python312 python311 python39 nodejs22 nodejs18 nodejs16 php82 golang121 golang119 java21 java17
kotlin20 dotnet8 dotnet6 r43 bash-2204 bash"

_ycfn_flags_for() {
	case "$1" in
	"version create")
		echo "--function-id --function-name --runtime --entrypoint --memory --execution-timeout
--service-account-id --environment --description --source-version-id --package-bucket-name
--package-object-name --package-sha256 --async-max-retries --async-service-account-id
--async-success-ymq-arn --async-success-sa-id --async-failure-ymq-arn --async-failure-sa-id --concurrency
--tmpfs-size --network-id --subnet-id --no-logging --log-group-id --log-folder-id --min-log-level --secret
--add-service-account --storage-mounts --mount --metadata-options --no-async
--async --dry-run" ;;
	"version get") echo "--function-id --function-name --tag" ;;
	"version list") echo "--function-id --function-name" ;;
	"function list") echo "" ;;
	"invoke") echo "--function-id --function-name --async --data --data-file --tag" ;;
	esac
}

_ycfn() {
	local cur prev words=() i w cmd=""
	cur="${COMP_WORDS[COMP_CWORD]}"
	prev=""
	[ "$COMP_CWORD" -gt 0 ] && prev="${COMP_WORDS[COMP_CWORD - 1]}"
	COMPREPLY=()

	# Values of the flags that take one.
	case "$prev" in
	--runtime) COMPREPLY=($(compgen -W "$_ycfn_runtimes" -- "$cur")); return 0 ;;
	--lang) COMPREPLY=($(compgen -W "ru en" -- "$cur")); return 0 ;;
	--format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return 0 ;;
	--memory) COMPREPLY=($(compgen -W "128m 256m 512m 1GB 2GB 4GB 8GB" -- "$cur")); return 0 ;;
	--execution-timeout) COMPREPLY=($(compgen -W "3s 5s 10s 30s 1m 5m 10m" -- "$cur")); return 0 ;;
	--tag) COMPREPLY=($(compgen -W '$latest' -- "$cur")); return 0 ;;
	--min-log-level) COMPREPLY=($(compgen -W "trace debug info warn error fatal" -- "$cur")); return 0 ;;
	--tmpfs-size) COMPREPLY=($(compgen -W "0 512MB 1GB 2GB" -- "$cur")); return 0 ;;
	--sa-key | --ca-file | --debug-log | --demo-state | --data-file)
		COMPREPLY=($(compgen -f -- "$cur")); return 0 ;;
	--profile | --cloud-id | --folder-id | --endpoint | --token | --iam-token | --demo-generate | \
		--demo-latency-ms | --function-id | --function-name | --entrypoint | --service-account-id | \
		--environment | --description | --source-version-id | --package-* | --async-max-retries | \
		--async-service-account-id | --async-success-* | --async-failure-* | --data | --concurrency | \
		--network-id | --subnet-id | --log-group-id | --log-folder-id | --secret | --add-service-account | \
		--storage-mounts | --mount | --metadata-options)
		return 0 ;;
	esac

	# The command so far: the words that are not flags or flag values.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w="${COMP_WORDS[i]}"
		case "$w" in
		--*=*) ;;
		--demo | --help | --version | --async | --no-async | --dry-run | --no-logging) ;;
		--*) i=$((i + 1)) ;;
		*) words+=("$w") ;;
		esac
	done
	cmd="${words[*]}"

	if [[ "$cur" == --* ]]; then
		COMPREPLY=($(compgen -W "$(_ycfn_flags_for "$cmd") $_ycfn_global_flags" -- "$cur"))
		return 0
	fi
	case "$cmd" in
	"") COMPREPLY=($(compgen -W "version function invoke" -- "$cur")) ;;
	version) COMPREPLY=($(compgen -W "create get list" -- "$cur")) ;;
	function) COMPREPLY=($(compgen -W "list" -- "$cur")) ;;
	esac
	return 0
}

complete -F _ycfn ycfn
