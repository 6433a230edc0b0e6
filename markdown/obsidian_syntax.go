package markdown

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Obsidian's formatting (help.obsidian.md, "Basic formatting syntax"):
// %%comments%%, which only the editor shows, and ==highlights==.

// stripComments removes %%…%% comments from a note's body, outside code:
// a comment may span lines and blocks, and one never closed runs to the
// end of the note. Its line breaks stay, so lines keep their numbers.
func (d *obsidianDoc) stripComments(src []byte) []byte {
	if !bytes.Contains(src, []byte("%%")) {
		return src
	}
	code := codeRanges(src) // hugo.go
	inCode := func(off int) bool {
		i := sort.Search(len(code), func(i int) bool { return code[i][1] > off })
		return i < len(code) && code[i][0] <= off
	}
	var out bytes.Buffer
	last := 0
	for i := 0; i+1 < len(src); {
		if src[i] != '%' || src[i+1] != '%' || inCode(i) {
			i++
			continue
		}
		end := len(src)
		for j := i + 2; j+1 < len(src); j++ {
			if src[j] == '%' && src[j+1] == '%' && !inCode(j) {
				end = j + 2
				break
			}
		}
		out.Write(src[last:i])
		out.Write(bytes.Repeat([]byte("\n"), bytes.Count(src[i:end], []byte("\n"))))
		last, i = end, end
	}
	out.Write(src[last:])
	return out.Bytes()
}

// KindMark is the kind of Mark nodes.
var KindMark = ast.NewNodeKind("Mark")

// Mark is highlighted text (==text==), written <mark>.
type Mark struct{ ast.BaseInline }

// Kind implements ast.Node.
func (*Mark) Kind() ast.NodeKind { return KindMark }

// Dump implements ast.Node.
func (m *Mark) Dump(src []byte, level int) { ast.DumpHelper(m, src, level, nil, nil) }

// markDelimiters pairs "==" like goldmark's strikethrough pairs "~~".
type markDelimiters struct{}

func (markDelimiters) IsDelimiter(b byte) bool { return b == '=' }
func (markDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}
func (markDelimiters) OnMatch(int) ast.Node { return &Mark{} }

// markParser reads ==text== in a vault's notes.
type markParser struct{}

func (markParser) Trigger() []byte { return []byte{'='} }

func (markParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if obsidianOf(pc) == nil {
		return nil
	}
	before := block.PrecendingCharacter()
	line, seg := block.PeekLine()
	node := parser.ScanDelimiter(line, before, 2, markDelimiters{})
	if node == nil || node.OriginalLength != 2 || before == '=' {
		return nil
	}
	node.Segment = seg.WithStop(seg.Start + node.OriginalLength)
	block.Advance(node.OriginalLength)
	pc.PushDelimiter(node)
	return node
}

// markRenderer writes Mark nodes.
type markRenderer struct{}

func (markRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMark, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<mark>")
		} else {
			_, _ = w.WriteString("</mark>")
		}
		return ast.WalkContinue, nil
	})
}

// obsidianRenderers are the renderers of the Obsidian dialect's nodes,
// which every renderer has (the nodes come from its parser only).
func obsidianRenderers() []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(markRenderer{}, 500)}
}
