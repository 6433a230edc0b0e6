package pull

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/wpsync/wpsync/markdown"
)

// Math and footnotes back to Markdown
//
// A Math block (core/math) is written as a ```math block: every
// convention wpsync reads takes it as math (GitHub's, GitLab's,
// Obsidian's; wpsync on every site), where $$…$$ is math only in some.
// Inline math (the editor's <math data-latex="…"> format) is written
// between the delimiters the file's site reads as math (Links.MathFor:
// $…$ in a vault, $$…$$ with kramdown, Hugo's passthrough delimiters),
// and stays as its HTML where the site reads none. WordPress's footnotes
// (the Footnotes block, the <sup data-fn> marks, the notes in the
// "footnotes" meta) become Markdown footnotes, [^1] and their
// definitions at the end; a note whose ID no label of the file gives (one
// made in the editor) keeps its ID as its label, which sync reads as the
// ID. Like every conversion, each is kept only when the Markdown renders
// back to the stored post byte for byte (and to the same notes).

// mathLatex is the LaTeX of a Math block, from its comment's attributes.
func mathMarkdown(s markdown.Block) (string, []string, bool) {
	var a struct{ Latex string }
	if json.Unmarshal([]byte(s.Attrs), &a) != nil || strings.TrimSpace(a.Latex) == "" {
		return "", nil, false
	}
	fence := "```"
	for strings.Contains(a.Latex, fence) {
		fence += "`"
	}
	return fence + "math\n" + strings.TrimSpace(a.Latex) + "\n" + fence, nil, true
}

// inlineMathHTML is the editor's inline math format as html.Render
// writes it.
var inlineMathHTML = regexp.MustCompile(`<math data-latex="([^"]*)">.*?</math>`)

// inlineMath writes the inline math in md between the delimiters of m
// (the first inline ones, else Pandoc's $ where m reads it), each where
// the site would read it back as that math; the others stay HTML.
func inlineMath(md string, m *markdown.MathSyntax) string {
	if m == nil || !strings.Contains(md, "<math data-latex=") {
		return md
	}
	var open, closing string
	switch {
	case m.Dollar:
		open, closing = "$", "$"
	case len(m.Inline) > 0:
		open, closing = m.Inline[0].Open, m.Inline[0].Close
	default:
		return md
	}
	var b strings.Builder
	last := 0
	for _, loc := range inlineMathHTML.FindAllStringSubmatchIndex(md, -1) {
		latex := html.UnescapeString(md[loc[2]:loc[3]])
		after := md[loc[1]:]
		ok := latex != "" && strings.TrimSpace(latex) == latex && !strings.ContainsAny(latex, "\n`") && !strings.Contains(latex, closing)
		if m.Dollar {
			// Pandoc's rule (markdown.MathSyntax.Dollar).
			ok = ok && !strings.Contains(latex, "$") && (after == "" || after[0] < '0' || after[0] > '9')
		}
		if !ok {
			continue
		}
		b.WriteString(md[last:loc[0]])
		b.WriteString(open + latex + closing)
		last = loc[1]
	}
	b.WriteString(md[last:])
	return b.String()
}

// footnoteMark is a note's mark in the text, as the editor saves it.
var footnoteMark = regexp.MustCompile(`<sup data-fn="([^"]+)" class="fn"><a href="#[^"]+" id="[^"]+-link">\d+</a></sup>`)

// footnotesBody writes the footnotes of body (the blocks joined, with
// the Footnotes block as "<!-- wp:footnotes /-->") as Markdown's, the
// notes from meta (the post's "footnotes" meta). ok is false when there
// are none or a mark names no note.
func footnotesBody(body, meta, file string) (string, []markdown.Footnote, bool) {
	var notes []markdown.Footnote
	if meta == "" || json.Unmarshal([]byte(meta), &notes) != nil || len(notes) == 0 {
		return "", nil, false
	}
	const block = "<!-- wp:footnotes /-->"
	if strings.Count(body, block) != 1 {
		return "", nil, false
	}
	labels := map[string]string{}
	var defs []string
	for i, n := range notes {
		label := strconv.Itoa(i + 1)
		if markdown.FootnoteID(file, label) != n.ID {
			label = n.ID // sync takes a label that is an ID as the ID
		}
		labels[n.ID] = label
		text, err := htmlToMarkdown.ConvertString("<p>" + n.Content + "</p>")
		if err != nil {
			return "", nil, false
		}
		text = strings.ReplaceAll(strings.TrimSpace(text), "\n", "\n    ")
		defs = append(defs, "[^"+label+"]: "+text)
	}
	missing := false
	body = footnoteMark.ReplaceAllStringFunc(body, func(mark string) string {
		id := footnoteMark.FindStringSubmatch(mark)[1]
		label, ok := labels[id]
		if !ok {
			missing = true
			return mark
		}
		return "[^" + label + "]"
	})
	if missing {
		return "", nil, false
	}
	return strings.Replace(body, block, strings.Join(defs, "\n\n"), 1), notes, true
}

// sameNotes reports whether two lists of notes are the same notes.
func sameNotes(a, b []markdown.Footnote) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
