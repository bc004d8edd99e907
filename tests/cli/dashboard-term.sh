#!/bin/sh
# dashboard-term.sh — zonestat --top and the terminal, in tmux: no place for a full-screen program
# (TERM=dumb, no terminal), a screen too small, colours and NO_COLOR, a monochrome terminal, and the
# terminal given back on q, SIGTERM, SIGINT (Ctrl-C and kill), SIGHUP and an error mid-run.
. "$top_srcdir/tests/cli/dash-lib.sh"

TREE=$(dash_tree)
ESC=$(printf '\033')

# ---- no terminal ----------------------------------------------------------------------------------
if "$ZONESTAT" -T --root "$TREE" </dev/null >"$TMPD/o" 2>"$TMPD/e"; then rc=0; else rc=$?; fi
check_eq "not a terminal: status 1" 1 "$rc"
check "not a terminal: says so" grep -q "needs a terminal on standard input and output" "$TMPD/e"

dash_start 100 30 TERM=dumb -T --root "$TREE"
check_eq "TERM=dumb: status 1" 1 "$(dash_status)"
if dash_wait "TERM=dumb cannot"; then ok "TERM=dumb: a clear message"; else not_ok "TERM=dumb: a clear message" "$(dash_screen)"; fi
check "TERM=dumb: points to the line views" dash_wait "use -z, -r or -b"
if dash_restored; then ok "TERM=dumb: terminal untouched"; else not_ok "TERM=dumb: terminal untouched"; fi

dash_start 100 30 TERM=no-such-terminal-zz -T --root "$TREE"
check_eq "unknown TERM: status 1" 1 "$(dash_status)"
check "unknown TERM: named" dash_wait "terminal type 'no-such-terminal-zz' is unknown"
if dash_restored; then ok "unknown TERM: terminal untouched"; else not_ok "unknown TERM: terminal untouched"; fi

# ---- too small, then big enough -------------------------------------------------------------------
dash_start 40 10 -T --root "$TREE"
if dash_wait "^needs 64x16" && dash_wait "^this is 40x10"; then ok "40x10: says the size it needs"; else
	not_ok "40x10: says the size it needs" "$(dash_screen)"
fi
dash_resize 64 16
if dash_wait "^. Zones"; then ok "resized to 64x16: the dashboard appears"; else not_ok "resized to 64x16: the dashboard appears" "$(dash_screen)"; fi
dash_screen >"$TMPD/screen"
check "64x16: the memory line keeps its numbers" grep -Eq "^Mem\\[.*\\] used .* free [0-9.]+[KMGT]/[0-9.]+[KMGT]\$" "$TMPD/screen"
check "64x16: the key bar on the last line" sh -c "tail -n 1 '$TMPD/screen' | grep -q '^q quit'"
dash_resize 30 5
check "resized to 30x5: the message again" dash_wait "^this is 30x5"
dash_keys q
check_eq "too small: q status 0" 0 "$(dash_status)"
if dash_restored; then ok "too small: q restores"; else not_ok "too small: q restores"; fi

# ---- colours --------------------------------------------------------------------------------------
dash_start 120 40 TERM=screen-256color -T --root "$TREE"
dash_wait "^. Zones" >/dev/null
if dash_has_colour; then ok "a colour terminal gets colours"; else not_ok "a colour terminal gets colours" "$(dash_screen_e | head -5 | cat -v)"; fi
dash_keys q
dash_status >/dev/null

dash_start 120 40 TERM=screen-256color NO_COLOR=1 -T --root "$TREE"
dash_wait "^. Zones" >/dev/null
if dash_has_colour; then not_ok "NO_COLOR: no colour escapes" "$(dash_screen_e | head -5 | cat -v)"; else ok "NO_COLOR: no colour escapes"; fi
# headings stay told apart without colour: reverse video
if dash_screen_e | grep -q "${ESC}\\[7mnode zone"; then ok "NO_COLOR: headings in reverse video"; else
	not_ok "NO_COLOR: headings in reverse video" "$(dash_screen_e | sed -n 7p | cat -v)"
fi
dash_keys q
check_eq "NO_COLOR: q status 0" 0 "$(dash_status)"

dash_start 120 40 TERM=vt100 -T --root "$TREE"
dash_wait "^. Zones" >/dev/null
if dash_has_colour; then not_ok "vt100 (monochrome): no colour escapes" "$(dash_screen_e | head -5 | cat -v)"; else
	ok "vt100 (monochrome): no colour escapes"
fi
check "vt100: the zones pane is there" dash_wait "^ *0 Normal +\\["
dash_keys q
check_eq "vt100: q status 0" 0 "$(dash_status)"
if dash_restored; then ok "vt100: terminal restored"; else not_ok "vt100: terminal restored"; fi

# ---- signals: the terminal comes back and the parent sees the signal ----------------------------------
for sig in TERM INT HUP; do
	dash_start 120 40 -T --root "$TREE"
	dash_wait "^. Zones" >/dev/null
	pid=$(dash_pid)
	kill -"$sig" "$pid"
	st=$(dash_status)
	case $sig in TERM) num=15 ;; INT) num=2 ;; HUP) num=1 ;; esac
	check_eq "SIG$sig: died of the signal (status $((128 + num)))" $((128 + num)) "$st"
	if dash_restored; then ok "SIG$sig: terminal restored"; else
		not_ok "SIG$sig: terminal restored" "$(T display -p -t "$dash" '#{alternate_on}#{cursor_flag}#{keypad_cursor_flag}')"
	fi
	check "SIG$sig: the shell's screen is back" dash_wait "ZS_DONE status=$((128 + num))"
done

dash_start 120 40 -T --root "$TREE"
dash_wait "^. Zones" >/dev/null
dash_keys C-c
check_eq "Ctrl-C: status 130" 130 "$(dash_status)"
if dash_restored; then ok "Ctrl-C: terminal restored"; else not_ok "Ctrl-C: terminal restored"; fi

# ---- an error once running: meminfo is emptied (the source keeps its files open) -------------------
cp "$TREE/proc/meminfo" "$TMPD/meminfo"
dash_start 120 40 -T --root "$TREE" 1
dash_wait "^. Zones" >/dev/null
: >"$TREE/proc/meminfo"
check_eq "meminfo emptied mid-run: status 1" 1 "$(dash_status)"
if dash_restored; then ok "meminfo emptied mid-run: terminal restored"; else not_ok "meminfo emptied mid-run: terminal restored"; fi
if dash_wait "^zonestat: .*meminfo"; then ok "meminfo emptied mid-run: the error is printed on the restored screen"; else
	not_ok "meminfo emptied mid-run: the error is printed on the restored screen" "$(dash_screen)"
fi
cp "$TMPD/meminfo" "$TREE/proc/meminfo"

tap_done
