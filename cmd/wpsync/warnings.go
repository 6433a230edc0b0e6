package main

import (
	"fmt"
	"io"
	"regexp"
	"strings"
)

// warningGroups gathers the warnings of a run so that the same warning
// over many files is shown once, with its count and the first few files,
// rather than once a file (a site of hundreds of files can give the same
// warning hundreds of times). Warnings of one kind that differ only in
// what they name — a path, an address, a quoted name, a number — are one
// group too: the kind is shown once, each place with what it names.
type warningGroups struct {
	order  []string               // kinds, in the order first seen
	places map[string][]fileMarks // kind → the files (and lines) that gave it
}

// fileMarks is one file a warning was given for, with its line (0: none)
// and the warning's own values (warningKind).
type fileMarks struct {
	path   string
	line   int
	values []string
}

// warnLineRE is the "line N: " a warning about one line starts with.
var warnLineRE = regexp.MustCompile(`^line (\d+): `)

// warnValueRE finds what a warning names rather than says: a quoted
// text (not an apostrophe: Hugo's), a <tag>, a path or address (a word with a / or a dot inside), a
// number.
var warnValueRE = regexp.MustCompile("\"[^\"]*\"|\\B'[^']*'\\B|`[^`]*`|<[^<>\\s]+>|[^\\s(),;]*[\\w)][./][^\\s(),;]*[\\w/]|\\b\\d+\\b")

// warningKind is a warning's text with what it names taken out (the
// kind's key), and those values in order.
func warningKind(msg string) (kind string, values []string) {
	kind = warnValueRE.ReplaceAllStringFunc(msg, func(v string) string {
		values = append(values, v)
		return "\x00"
	})
	return kind, values
}

func (g *warningGroups) add(path, warn string) {
	if g.places == nil {
		g.places = map[string][]fileMarks{}
	}
	msg, line := splitWarning(warn)
	kind, values := warningKind(msg)
	if strings.HasPrefix(msg, "would ") {
		// What a dry run would do (upload this picture): each thing is a
		// line of its own, as sync --dry-run lists it, never "would upload
		// … (71 bytes)" for pictures that only share a size.
		kind, values = msg, nil
	}
	if _, seen := g.places[kind]; !seen {
		g.order = append(g.order, kind)
	}
	g.places[kind] = append(g.places[kind], fileMarks{path, line, values})
}

// splitWarning parts a file's warning into its text and the line it
// names ("line N: " at its start; 0 for none).
func splitWarning(warn string) (msg string, line int) {
	msg = warn
	if m := warnLineRE.FindStringSubmatch(warn); m != nil {
		msg = warn[len(m[0]):]
		fmt.Sscan(m[1], &line)
	}
	return msg, line
}

// warningAt is one warning of a file as every listing shows it, the way
// compilers do and editors and CI annotations read it: "path:LINE: text",
// or "path: text" when it names no line.
func warningAt(path, warn string) string {
	msg, line := splitWarning(warn)
	return fileMarks{path: path, line: line}.String() + ": " + msg
}

// skippedNote is the line that counts the files not published by design
// (a draft, publish: false, a page the generator makes itself, an empty
// file): information rather than warnings, each listed with why by --all.
func skippedNote(w io.Writer, n, width int, p palette) {
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "%s %d file(s) not published (a draft, publish: false, a page the generator makes itself, an empty file…): --all lists each with why\n",
		p.dim(fmt.Sprintf("%-*s", width, "skipped")), n)
}

// runNotes writes the run's notes (how the site was read: Eleventy's
// input folder), dim as the skipped line: information, not warnings.
func runNotes(w io.Writer, notes []string, width int, p palette) {
	for _, n := range notes {
		fmt.Fprintf(w, "%s %s\n", p.dim(fmt.Sprintf("%-*s", width, "note")), n)
	}
}

// warnFilesShown: a warning given for many files names this many of them.
const warnFilesShown = 3

// write prints each warning once: "warning  a.md:3: text" for one file,
// "warning  text (12 files: a.md:3, b.md, c.md:9 and 9 more)" for several;
// a kind whose warnings name different things shows "…" where they
// differ, and each place with what its warning names: "warning  link to …
// names no file (3 files: a.md:3 x.md, b.md y.md, c.md:9 z.md)".
func (g *warningGroups) write(w io.Writer, width int, p palette) {
	label := p.yellow(fmt.Sprintf("%-*s", width, "warning"))
	for _, kind := range g.order {
		places := g.places[kind]
		parts := strings.Split(kind, "\x00")
		same := make([]bool, len(parts)-1) // the values all its warnings share
		for i := range same {
			same[i] = true
			for _, f := range places[1:] {
				same[i] = same[i] && f.values[i] == places[0].values[i]
			}
		}
		var text strings.Builder
		for i, part := range parts {
			text.WriteString(part)
			if i < len(same) && same[i] {
				text.WriteString(places[0].values[i])
			} else if i < len(same) {
				text.WriteString("…")
			}
		}
		if len(places) == 1 {
			fmt.Fprintf(w, "%s %s: %s\n", label, places[0], text.String())
			continue
		}
		var names []string
		files := map[string]bool{}
		for _, f := range places {
			files[f.path] = true
		}
		for _, f := range places[:min(len(places), warnFilesShown)] {
			name := f.String()
			var own []string
			for i, v := range f.values {
				if !same[i] {
					own = append(own, v)
				}
			}
			if len(own) > 0 {
				name += " " + strings.Join(own, " ")
			}
			names = append(names, name)
		}
		more := ""
		if n := len(places) - warnFilesShown; n > 0 {
			more = fmt.Sprintf(" and %d more", n)
		}
		count := fmt.Sprintf("%d files", len(places))
		if len(files) < len(places) {
			count = fmt.Sprintf("%d times in %d files", len(places), len(files))
		}
		fmt.Fprintf(w, "%s %s (%s: %s%s)\n", label, text.String(), count, strings.Join(names, ", "), more)
	}
}

func (f fileMarks) String() string {
	if f.line > 0 {
		return fmt.Sprintf("%s:%d", f.path, f.line)
	}
	return f.path
}
