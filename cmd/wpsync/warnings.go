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
// warning hundreds of times).
type warningGroups struct {
	order  []string               // messages, in the order first seen
	places map[string][]fileMarks // message → the files (and lines) that gave it
}

// fileMarks is one file a warning was given for, with its line (0: none).
type fileMarks struct {
	path string
	line int
}

// warnLineRE is the "line N: " a warning about one line starts with.
var warnLineRE = regexp.MustCompile(`^line (\d+): `)

func (g *warningGroups) add(path, warn string) {
	if g.places == nil {
		g.places = map[string][]fileMarks{}
	}
	msg, line := splitWarning(warn)
	if _, seen := g.places[msg]; !seen {
		g.order = append(g.order, msg)
	}
	g.places[msg] = append(g.places[msg], fileMarks{path, line})
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
	return fileMarks{path, line}.String() + ": " + msg
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

// warnFilesShown: a warning given for many files names this many of them.
const warnFilesShown = 3

// write prints each warning once: "warning  a.md:3: text" for one file,
// "warning  text (12 files: a.md:3, b.md, c.md:9 and 9 more)" for several.
func (g *warningGroups) write(w io.Writer, width int, p palette) {
	label := p.yellow(fmt.Sprintf("%-*s", width, "warning"))
	for _, msg := range g.order {
		places := g.places[msg]
		if len(places) == 1 {
			fmt.Fprintf(w, "%s %s: %s\n", label, places[0], msg)
			continue
		}
		var names []string
		for _, f := range places[:min(len(places), warnFilesShown)] {
			names = append(names, f.String())
		}
		more := ""
		if n := len(places) - warnFilesShown; n > 0 {
			more = fmt.Sprintf(" and %d more", n)
		}
		fmt.Fprintf(w, "%s %s (%d files: %s%s)\n", label, msg, len(places), strings.Join(names, ", "), more)
	}
}

func (f fileMarks) String() string {
	if f.line > 0 {
		return fmt.Sprintf("%s:%d", f.path, f.line)
	}
	return f.path
}
