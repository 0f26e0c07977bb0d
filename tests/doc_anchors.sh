#!/bin/sh
# make check: every citation of a doc/ page with an anchor (the page's path, '#', the anchor) in
# the sources, README.md, examples, tests, bench, plots, traces and doc/ names a heading of that
# page, and so does every link between the doc/ pages ("](#anchor)", "](page.md#anchor)").
# Anchors follow GitHub's rule: the heading in lowercase, punctuation dropped (letters, digits,
# spaces, '-' and '_' kept), spaces to '-', a repeated heading gets -1, -2, ...; headings inside
# fenced code blocks do not count. Hidden files (working notes) are not read. On a miss it names
# the file, the line and the citation.
set -u
src=${GREENMIG_SRCDIR:?set by make check}
cd "$src" || exit 1
LC_ALL=C
export LC_ALL
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# The anchors of one page, one a line.
anchors() {
	awk '
	/^(```|~~~)/ { fence = !fence; next }
	fence { next }
	/^#+ / {
		h = $0
		match(h, /^#+/)
		if (RLENGTH > 6)
			next
		sub(/^#+ +/, "", h)
		sub(/ +#+ *$/, "", h)
		sub(/ +$/, "", h)
		h = tolower(h)
		gsub(/[^a-z0-9 _-]/, "", h)
		gsub(/ /, "-", h)
		n = seen[h]++
		print (n ? h "-" n : h)
	}' "$1"
}

# FILE:LINE:CITATION lines, where CITATION is PAGE#ANCHOR with PAGE relative to $src.
{
	find src include examples tests bench plots traces doc -type f ! -name '.*' \( -name '*.c' \
		-o -name '*.h' -o -name '*.md' -o -name '*.in' -o -name '*.ini' -o -name '*.txt' \
		-o -name '*.sh' -o -name '*.gp' -o -name 'Makefile' -o -name 'Makefile.am' \) 2>/dev/null
	for f in README.md Makefile.am configure.ac; do
		[ -f "$f" ] && echo "$f"
	done
} | grep -v '^tests/doc_anchors\.sh$' | sort >"$tmp/files"
[ -s "$tmp/files" ] || { echo "doc_anchors: no files found under $src" >&2; exit 1; }

while IFS= read -r f; do
	grep -n -o -E 'doc/[A-Za-z0-9_.-]+\.md#[A-Za-z0-9_-]+' "$f" 2>/dev/null | sed "s|^|$f:|"
done <"$tmp/files" >"$tmp/cites"
# links between the pages of doc/: "#anchor" is the page's own, "page.md#anchor" a sibling's
for f in doc/*.md; do
	[ -f "$f" ] || continue
	grep -n -o -E '\]\(([A-Za-z0-9_.-]+\.md)?#[A-Za-z0-9_-]+\)' "$f" | sed -e 's|\](||' -e 's|)$||' |
		awk -F: -v f="$f" '{ t = $2; if (substr(t, 1, 1) == "#") t = f t; else t = "doc/" t;
			print f ":" $1 ":" t }'
done >>"$tmp/cites"

fail=0
checked=0
while IFS=: read -r file line cite; do
	page=${cite%%#*}
	anchor=${cite#*#}
	case $page in
	doc/FILE.md | doc/NAME.md) continue ;; # placeholders in prose
	esac
	checked=$((checked + 1))
	if [ ! -f "$page" ]; then
		echo "$file:$line: $cite: no page $page" >&2
		fail=1
		continue
	fi
	key=$(echo "$page" | tr '/.' '__')
	[ -f "$tmp/$key" ] || anchors "$page" >"$tmp/$key"
	if ! grep -q -x -F -e "$anchor" "$tmp/$key"; then
		echo "$file:$line: $cite: no heading with that anchor in $page" >&2
		fail=1
	fi
done <"$tmp/cites"

[ "$checked" -gt 0 ] || { echo "doc_anchors: no citation found" >&2; exit 1; }
[ "$fail" -eq 0 ] && echo "doc_anchors: $checked citations of doc/ anchors, all resolve"
exit "$fail"
