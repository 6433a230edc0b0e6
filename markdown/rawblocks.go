package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Block markup written in a Markdown file
//
// A file may hold serialized blocks as WordPress stores them — a plugin's
// block, Buttons, Columns, an embed — typically because `wpsync pull` could
// not give them a Markdown form. In the blocks format such markup is sent
// as it is written, byte for byte, rather than wrapped in a Custom HTML
// block: from a line starting with a block's opening comment
// (<!-- wp:NAME … -->) to its matching closing comment
// (<!-- /wp:NAME -->), or a void block (<!-- wp:NAME /-->), blank lines and
// all. Blocks that follow one another with only white space between are
// taken together, so that the white space between them stays as written.
//
// Delimiters are found the way @wordpress/block-serialization-default-parser
// finds them (its tokenizer's regular expression, without the look-ahead
// RE2 lacks); nesting is counted by opening and closing delimiters, as the
// parser's stack does.

// blockDelimiter matches a block comment delimiter: 1 the closer's slash,
// 2 the namespace, 3 the name, 4 the attributes, 5 the void slash.
var blockDelimiter = regexp.MustCompile(`<!--\s+(/)?wp:([a-z][a-z0-9_-]*/)?([a-z][a-z0-9_-]*)\s+(\{(?s:.*?)\}\s+)?(/)?-->`)

// rawBlockEnd returns the end offset in src of the serialized block that
// starts at src[start:], or -1 when src[start:] does not start with an
// opening delimiter or the block is not closed.
func rawBlockEnd(src []byte, start int) int {
	loc := blockDelimiter.FindSubmatchIndex(src[start:])
	if loc == nil || loc[0] != 0 || loc[2] >= 0 {
		return -1
	}
	if loc[10] >= 0 { // void block
		return start + loc[1]
	}
	depth := 1
	for off := start + loc[1]; ; {
		m := blockDelimiter.FindSubmatchIndex(src[off:])
		if m == nil {
			return -1
		}
		switch {
		case m[2] >= 0:
			depth--
		case m[10] < 0:
			depth++
		}
		off += m[1]
		if depth == 0 {
			return off
		}
	}
}

// nodeStart returns the offset in src where a top-level node starts, or -1
// when it has no source lines (a footnote list).
func nodeStart(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	return -1
}

// htmlBlockEnd returns the offset where an HTML block's source ends.
func htmlBlockEnd(h *ast.HTMLBlock) int {
	if h.HasClosure() {
		return h.ClosureLine.Stop
	}
	return h.Lines().At(h.Lines().Len() - 1).Stop
}

// rawBlocks reports whether the top-level HTML block h starts serialized
// block markup; if so it returns that markup as written, with the blocks
// that directly follow it, and the last node it covers.
func rawBlocks(h *ast.HTMLBlock, src []byte) (raw []byte, last ast.Node, ok bool) {
	if h.Lines().Len() == 0 {
		return nil, nil, false
	}
	start := h.Lines().At(0).Start
	end := rawBlockEnd(src, start)
	if end < 0 {
		return nil, nil, false
	}
	// The blocks that follow on a line of their own, white space between.
	for {
		next := end + len(src[end:]) - len(bytes.TrimLeft(src[end:], " \t\n"))
		if next == end || src[next-1] != '\n' {
			break
		}
		e := rawBlockEnd(src, next)
		if e < 0 {
			break
		}
		end = e
	}
	// Every node starting before the end is part of the markup; the last
	// one must end there too (only white space after it on its line), or
	// the markup goes on past the block: then it is not taken.
	var cur ast.Node = h
	for next := cur.NextSibling(); next != nil; next = next.NextSibling() {
		if s := nodeStart(next); s < 0 || s >= end {
			break
		}
		cur = next
	}
	lastHTML, isHTML := cur.(*ast.HTMLBlock)
	if !isHTML || len(bytes.TrimSpace(src[end:max(end, htmlBlockEnd(lastHTML))])) > 0 {
		return nil, nil, false
	}
	return src[start:end], cur, true
}

// Block is a top-level block of serialized content, or free HTML between
// blocks (Name "").
type Block struct {
	// Name is the block type, without "core/" for core blocks
	// ("paragraph") and with its namespace for others ("acme/card").
	Name  string
	Attrs string // the attributes' JSON as written; "" when none
	Text  string // as stored: the delimiters and all between
	Inner string // between the opening and the closing delimiter
}

// SplitBlocks splits serialized content into its top-level blocks and the
// free HTML between them, the way the default parser does: the Texts of
// the result, joined, are content. A block that is never closed, and all
// after it, is free HTML.
func SplitBlocks(content string) []Block {
	var out []Block
	free := 0
	for off := 0; off < len(content); {
		m := blockDelimiter.FindStringSubmatchIndex(content[off:])
		if m == nil {
			break
		}
		start := off + m[0]
		if m[2] >= 0 { // a stray closer: free HTML
			off += m[1]
			continue
		}
		name := content[off+m[6] : off+m[7]]
		if m[4] >= 0 {
			name = content[off+m[4]:off+m[5]] + name
		}
		attrs := ""
		if m[8] >= 0 {
			attrs = strings.TrimSpace(content[off+m[8] : off+m[9]])
		}
		end, innerStart, innerEnd := off+m[1], off+m[1], off+m[1]
		if m[10] < 0 {
			depth := 1
			for p := end; depth > 0; {
				n := blockDelimiter.FindStringSubmatchIndex(content[p:])
				if n == nil {
					return append(out, Block{Text: content[free:]})
				}
				switch {
				case n[2] >= 0:
					depth--
				case n[10] < 0:
					depth++
				}
				if depth == 0 {
					innerEnd = p + n[0]
				}
				p += n[1]
				end = p
			}
		}
		if start > free {
			out = append(out, Block{Text: content[free:start]})
		}
		out = append(out, Block{Name: name, Attrs: attrs, Text: content[start:end], Inner: content[innerStart:innerEnd]})
		free, off = end, end
	}
	if free < len(content) {
		out = append(out, Block{Text: content[free:]})
	}
	return out
}
