package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// Note embeds (help.obsidian.md, "Embed files"): ![[Note]] shows the
// whole note in place, ![[Note#Heading]] that heading's section (the
// heading and what follows it up to the next heading of its level or
// higher), ![[Note#^id]] the block with that id. An embed on a line of
// its own is replaced by that Markdown before the note is parsed, so the
// embedded text is rendered as the embedding note's own; one inside a
// sentence, a cycle (a note embedding itself, A embeds B embeds A) or an
// embed deeper than maxEmbedDepth stays a link to the note, with a
// warning. Each embedded note is reported to Options.Resolve as a
// RefEmbed, so the engine writes the embedding post again when the
// embedded note changes.

// RefEmbed is a Markdown file whose text is embedded in the file (an
// Obsidian ![[Note]]): Path is that file. It is only ever passed to
// Options.Resolve, which records it; it is not in Document.Refs.
const RefEmbed RefKind = "embed"

// maxEmbedDepth is how deep embeds within embeds are followed.
const maxEmbedDepth = 8

// embedLineRe is a line that is only a note embed: ![[target]] or
// ![[target|label]], indented by less than a code block.
var embedLineRe = regexp.MustCompile(`(?m)^ {0,3}!\[\[([^\[\]\n|]+)(?:\|[^\[\]\n]*)?\]\][ \t]*$`)

// expandEmbeds replaces, in a note's body, each line that is a note embed
// by the embedded text. It keeps the lines' numbers for warnings: every
// line of an embedded text counts as the line of its embed.
func (d *obsidianDoc) expandEmbeds(src []byte, resolve func(Ref) (string, bool)) []byte {
	if !bytes.Contains(src, []byte("![[")) {
		return src
	}
	out, _ := d.expand(src, d.file, []string{d.file}, resolve, func(off int) int { return lineAt(src, off) })
	return out
}

// expand does expandEmbeds for src, the text of note file (chain: the
// notes being embedded, outermost first, each its path and "#" and the
// section when it is one). line gives the line of the
// top-level note an offset of src counts as. It returns the text and, by
// offset in it, how many lines it added (for the line shifts).
func (d *obsidianDoc) expand(src []byte, file string, chain []string, resolve func(Ref) (string, bool), line func(off int) int) ([]byte, bool) {
	ms := embedLineRe.FindAllSubmatchIndex(src, -1)
	if ms == nil {
		return src, false
	}
	code := codeRanges(src)
	inCode := func(off int) bool { return inRanges(code, off) }
	top := len(chain) == 1
	var out bytes.Buffer
	last, changed := 0, false
	for _, m := range ms {
		if inCode(m[0]) {
			continue
		}
		target := strings.TrimSpace(string(src[m[2]:m[3]]))
		name, frag, _ := strings.Cut(target, "#")
		name = strings.TrimSpace(name)
		if _, isFile := d.vault.File(file, name); isFile || name == "" && frag == "" {
			continue // a picture or another file: the inline parser's
		}
		var p string
		if name == "" {
			p = file // ![[#Heading]]: a section of the note itself
		} else {
			var ok bool
			if p, ok = d.vault.Note(file, name); !ok || d.vault.Unpublished(p) {
				continue // the inline parser says why
			}
		}
		ln := line(m[0])
		inner := strings.TrimSpace(string(src[m[0]:m[1]]))
		inner = strings.TrimSuffix(strings.TrimPrefix(inner, "![["), "]]")
		key := p
		if frag != "" {
			key += "#" + strings.TrimSpace(frag)
		}
		if len(chain) > maxEmbedDepth || inChain(chain, p, key) {
			d.linked(inner)
			d.warnLine(ln, "cycle "+inner, fmt.Sprintf("![[%s]] embeds a note that embeds it (%s): written as a link to it", inner, strings.Join(append(chain, key), " → ")))
			continue
		}
		raw, err := d.read(p)
		if err != nil {
			continue
		}
		if resolve != nil {
			resolve(Ref{Kind: RefEmbed, Path: p, Dest: target, Line: ln})
		}
		text := raw
		if frag != "" {
			var ok bool
			if text, ok = section(raw, strings.TrimSpace(frag)); !ok {
				d.linked(inner)
				d.warnLine(ln, "section "+inner, fmt.Sprintf("![[%s]]: %s has no heading or block %q: written as a link to it", inner, p, frag))
				continue
			}
		}
		nested, _ := d.expand(d.stripComments(text), p, append(chain[:len(chain):len(chain)], key), resolve, func(int) int { return ln })
		nested = bytes.TrimRight(nested, "\n")
		out.Write(src[last:m[0]])
		start := out.Len()
		out.Write(nested)
		if top {
			// Every line of the embedded text counts as the embed's.
			k := 0
			for off := 0; ; {
				i := bytes.IndexByte(nested[off:], '\n')
				if i < 0 {
					break
				}
				off += i + 1
				k++
				d.refs.shiftLines(start+off, d.added+k)
			}
			d.added += k
		}
		last, changed = m[1], true
	}
	if !changed {
		return src, false
	}
	out.Write(src[last:])
	return out.Bytes(), true
}

// inChain reports whether embedding key (a note p, or p#section) inside
// the embeds of chain loops: the same section is being embedded, or the
// whole note p is (the note read at first, chain[0], may embed its own
// sections).
func inChain(chain []string, p, key string) bool {
	for i, c := range chain {
		if c == key || c == p && i > 0 || key == p && strings.HasPrefix(c, p+"#") {
			return true
		}
	}
	return false
}

// read is the body of note p, without its front matter.
func (d *obsidianDoc) read(p string) ([]byte, error) {
	if d.vault.Read == nil {
		return nil, fmt.Errorf("no reader")
	}
	raw, err := d.vault.Read(p)
	if err != nil {
		return nil, err
	}
	raw = bytes.ReplaceAll(bytes.TrimPrefix(raw, []byte("\uFEFF")), []byte("\r\n"), []byte("\n"))
	_, body, err := splitFrontMatter(p, raw)
	if err != nil {
		return raw, nil
	}
	return body, nil
}

// linked marks an embed the inline parser writes as a link without
// saying so again.
func (d *obsidianDoc) linked(inner string) {
	if d.said == nil {
		d.said = map[string]bool{}
	}
	d.said[inner] = true
}

// warnLine adds a warning on line ln of the body.
func (d *obsidianDoc) warnLine(ln int, key, msg string) {
	if d.refs == nil {
		return
	}
	d.refs.warn("obsidian\x00"+key, fmt.Sprintf("line %d: %s", d.refs.bodyLine+ln, msg))
}

// shiftLines records that from offset off on, k more lines precede than
// the file had.
func (c *refCollector) shiftLines(off, k int) {
	if c != nil {
		c.shifts = append(c.shifts, lineShift{off: off, lines: k})
	}
}

// atxHeadingRe is an ATX heading: its level's hashes and its text.
var atxHeadingRe = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)

// section is the part of a note's body that frag names: a heading's
// section (the heading, then every line up to the next heading of its
// level or a higher one; "A#B" is heading B under A, found as B), or for
// "^id" the block that ends with that id. Headings are matched as
// Obsidian matches them, whatever their case and spacing.
func section(body []byte, frag string) ([]byte, bool) {
	lines := bytes.SplitAfter(body, []byte("\n"))
	fenced := fenceLines(lines)
	if id, ok := strings.CutPrefix(frag, "^"); ok {
		re := regexp.MustCompile(`(?:^|[ \t])\^` + regexp.QuoteMeta(id) + `[ \t]*$`)
		for i, l := range lines {
			if fenced[i] || !re.Match(bytes.TrimRight(l, "\n")) {
				continue
			}
			start := i
			for start > 0 && len(bytes.TrimSpace(lines[start-1])) > 0 && !fenced[start-1] {
				start--
			}
			if len(bytes.TrimSpace(lines[i])) == len(id)+1 && i > 0 {
				// A block id on its own line names the block before it.
				return bytes.Join(lines[start:i], nil), start < i
			}
			return bytes.Join(lines[start:i+1], nil), true
		}
		return nil, false
	}
	want := normHeading(lastPart(frag))
	for i, l := range lines {
		m := atxHeadingRe.FindSubmatch(bytes.TrimRight(l, "\n"))
		if fenced[i] || m == nil || normHeading(string(m[2])) != want {
			continue
		}
		level := len(m[1])
		end := len(lines)
		for k := i + 1; k < len(lines); k++ {
			if n := atxHeadingRe.FindSubmatch(bytes.TrimRight(lines[k], "\n")); n != nil && !fenced[k] && len(n[1]) <= level {
				end = k
				break
			}
		}
		return bytes.Join(lines[i:end], nil), true
	}
	return nil, false
}

// normHeading is a heading's text as headings are compared.
func normHeading(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// fenceLines marks the lines inside (or opening, closing) a fenced code
// block.
func fenceLines(lines [][]byte) []bool {
	out := make([]bool, len(lines))
	fence := ""
	for i, l := range lines {
		t := strings.TrimSpace(string(l))
		if fence != "" {
			out[i] = true
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			n := len(t) - len(strings.TrimLeft(t, t[:1]))
			fence = strings.Repeat(t[:1], n)
			out[i] = true
		}
	}
	return out
}
