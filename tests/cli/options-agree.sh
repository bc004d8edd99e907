#!/bin/sh
# options-agree.sh — --help, the man page and the bash, zsh and fish completions name the same options.
. "$top_srcdir/tests/cli/tap.sh"

"$ZONESTAT" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$TMPD/help"
sed 's/\\-/-/g' "$top_srcdir/man/zonestat.1" | grep -o -- '--[a-z][a-z-]*' | sort -u >"$TMPD/man"
grep -o -- '--[a-z][a-z-]*' "$top_srcdir/completions/zonestat" | sort -u >"$TMPD/bash"
grep -o -- '--[a-z][a-z-]*' "$top_srcdir/completions/_zonestat" | sort -u >"$TMPD/zsh"
sed -n 's/.* -l \([a-z][a-z-]*\).*/--\1/p' "$top_srcdir/completions/zonestat.fish" | sort -u >"$TMPD/fish"

[ -s "$TMPD/help" ] && ok "--help names options" || not_ok "--help names options"
for f in man bash zsh fish; do
	if diff -u "$TMPD/help" "$TMPD/$f" >"$TMPD/diff"; then ok "$f names the options --help names"
	else not_ok "$f names the options --help names" "$(cat "$TMPD/diff")"; fi
done
# short options too
"$ZONESTAT" --help | sed -n 's/^ \(-[a-zA-Z]\),.*/\1/p' | sort -u >"$TMPD/hs"
sed 's/\\-/-/g' "$top_srcdir/man/zonestat.1" | sed -n 's/^\.BR* \(-[a-zA-Z]\)\b.*/\1/p' | sort -u >"$TMPD/ms"
sed -n "s/.* -s \([a-zA-Z]\) .*/-\1/p" "$top_srcdir/completions/zonestat.fish" | sort -u >"$TMPD/fs"
if diff -u "$TMPD/hs" "$TMPD/fs" >"$TMPD/diff"; then ok "fish names the short options --help names"
else not_ok "fish names the short options --help names" "$(cat "$TMPD/diff")"; fi
if diff -u "$TMPD/hs" "$TMPD/ms" >"$TMPD/diff"; then ok "man page names the short options --help names"
else not_ok "man page names the short options --help names" "$(cat "$TMPD/diff")"; fi
tap_done
