package markdown

import (
	"fmt"
	"strings"
	"sync"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Math written between delimiters ($…$, $$…$$, \(…\), \[…\]) where the
// site's generator reads it as math:
//   - an Obsidian vault: $$…$$ display math, $…$ inline math by the rule
//     Obsidian shares with Pandoc's tex_math_dollars (dollarParser);
//   - a plain folder, read as GitHub shows it: the same (GitHubMath);
//   - kramdown (Jekyll): $$…$$, display when it is a paragraph of its own,
//     else inline (kramdown's "Math blocks" and "Math spans");
//   - Hugo: the delimiters of goldmark's passthrough extension when the
//     site's configuration enables it (SiteRules.Math, set by site/hugo.go).
//
// Each is read by Hugo's own goldmark extension (passthrough), whose
// nodes are then turned into mathNodes holding Temml's MathML (math.go):
// display math is a Math block (core/math, 6.9+; MathML in Custom HTML
// before), inline math the editor's inline math format, <math
// data-latex="…">MathML</math>. LaTeX Temml cannot read stays as code,
// with a warning naming its line.

// MathDelimiters are the opening and closing delimiters of math.
type MathDelimiters struct{ Open, Close string }

// MathSyntax is where a site's Markdown holds math besides ```math
// blocks. The zero value reads none.
type MathSyntax struct {
	// Block are the delimiters of display math, a block of its own even
	// inside a paragraph (Hugo's delimiters.block, Obsidian's $$).
	Block []MathDelimiters
	// Inline are the delimiters of inline math (Hugo's delimiters.inline).
	Inline []MathDelimiters
	// Dollar reads $…$ as inline math by Pandoc's rule: the opening $
	// followed by a non-space, the closing one after a non-space and not
	// followed by a digit ("$5 and $10" is money); \$ is a dollar.
	Dollar bool
	// Alone: inline math that is all its paragraph holds is display math
	// (kramdown).
	Alone bool
}

func (m *MathSyntax) empty() bool {
	return m == nil || len(m.Block) == 0 && len(m.Inline) == 0 && !m.Dollar
}

// ObsidianMath is how an Obsidian vault writes math (help.obsidian.md,
// "Advanced formatting syntax": MathJax's $$…$$ and $…$).
var ObsidianMath = MathSyntax{Block: []MathDelimiters{{"$$", "$$"}}, Dollar: true}

// GitHubMath is how GitHub shows math in a folder's Markdown
// (docs.github.com, "Writing mathematical expressions": $…$ inline,
// $$…$$ display; ```math blocks are read everywhere), with the dollar
// rule of ObsidianMath so that "$5 and $10" stays money. Set by
// site/plain.go.
var GitHubMath = MathSyntax{Block: []MathDelimiters{{"$$", "$$"}}, Dollar: true}

// KramdownMath is kramdown's math ("Math Blocks", "Math Spans": $$…$$
// only; display when it stands as a block of its own).
var KramdownMath = MathSyntax{Inline: []MathDelimiters{{"$$", "$$"}}, Alone: true}

// MathSyntax is the math a file with these rules holds between
// delimiters: Math, else an Obsidian vault's, else kramdown's; nil for
// none.
func (r *SiteRules) MathSyntax() *MathSyntax {
	switch {
	case r == nil:
		return nil
	case r.Math != nil:
		return r.Math
	case r.Obsidian != nil:
		return &ObsidianMath
	case r.Kramdown:
		return &KramdownMath
	}
	return nil
}

// mathSyntax is the math the file's dialect reads.
func (opts Options) mathSyntax() *MathSyntax {
	switch {
	case opts.Site != nil && opts.Site.Math != nil:
		return opts.Site.Math
	case opts.obsidian != nil:
		return &ObsidianMath
	case opts.kramdown:
		return &KramdownMath
	}
	return nil
}

// mathParsers are the parsers of a dialect with math, by dialect and
// syntax: few per run, made on first use.
var mathParsers sync.Map

// mathParser is the parser of opts' dialect reading math m.
func mathParser(opts Options, m *MathSyntax) parser.Parser {
	key := fmt.Sprintf("%t %t %t %v", opts.typographer, opts.kramdown, opts.obsidian != nil, *m)
	if p, ok := mathParsers.Load(key); ok {
		return p.(parser.Parser)
	}
	var extra []goldmark.Option
	if opts.typographer {
		extra = append(extra, typographer...)
	}
	if opts.obsidian != nil {
		extra = append(extra, goldmark.WithParserOptions(obsidianOptions()...))
	}
	extra = append(extra, goldmark.WithExtensions(mathExtension{m}))
	p, _ := mathParsers.LoadOrStore(key, newMarkdown(opts.kramdown && opts.obsidian == nil, extra...).Parser())
	return p.(parser.Parser)
}

// mathExtension adds math m to a parser: passthrough for the delimiters,
// dollarParser for Pandoc's $…$, aloneMath for kramdown's display math.
type mathExtension struct{ m *MathSyntax }

func (e mathExtension) Extend(md goldmark.Markdown) {
	conv := func(ds []MathDelimiters) []passthrough.Delimiters {
		var out []passthrough.Delimiters
		for _, d := range ds {
			out = append(out, passthrough.Delimiters{Open: d.Open, Close: d.Close})
		}
		return out
	}
	passthrough.New(passthrough.Config{BlockDelimiters: conv(e.m.Block), InlineDelimiters: conv(e.m.Inline)}).Extend(md)
	if e.m.Dollar {
		// Before passthrough's (201), which would read any $…$.
		md.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(dollarParser{}, 200)))
	}
	if e.m.Alone {
		// After passthrough's transformer (0).
		md.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(aloneMath{}, 1)))
	}
}

// dollar are the delimiters of Pandoc's inline math.
var dollar = passthrough.Delimiters{Open: "$", Close: "$"}

// dollarParser reads $…$ by Pandoc's rule (MathSyntax.Dollar), within a
// line; $$ is left to the delimiters of display math.
type dollarParser struct{}

func (dollarParser) Trigger() []byte { return []byte{'$'} }

func (dollarParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 3 || line[1] == '$' || line[1] == ' ' || line[1] == '\t' || line[1] == '\n' || block.PrecendingCharacter() == '$' {
		return nil
	}
	for i := 1; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++ // an escaped character, \$ among them
		case '$':
			if c := line[i-1]; c == ' ' || c == '\t' || i+1 < len(line) && (line[i+1] >= '0' && line[i+1] <= '9' || line[i+1] == '$') {
				return nil
			}
			block.Advance(i + 1)
			return &passthrough.PassthroughInline{Segment: seg.WithStop(seg.Start + i + 1), Delimiters: &dollar}
		case '\n', '`':
			return nil // code spans come first, as in a note's preview
		}
	}
	return nil
}

// aloneMath makes inline math that is all its paragraph holds display
// math (kramdown's math block).
type aloneMath struct{}

func (aloneMath) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var alone []*ast.Paragraph
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		p, ok := n.(*ast.Paragraph)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if c, ok := p.FirstChild().(*passthrough.PassthroughInline); ok && c.NextSibling() == nil {
			alone = append(alone, p)
		}
		return ast.WalkSkipChildren, nil
	})
	for _, p := range alone {
		in := p.FirstChild().(*passthrough.PassthroughInline)
		b := &passthrough.PassthroughBlock{Delimiters: in.Delimiters}
		b.Lines().Append(in.Segment)
		p.Parent().ReplaceChild(p.Parent(), p, b)
	}
}

// mathNode is math read between delimiters, with its MathML.
type mathNode struct {
	ast.BaseInline
	Latex  string
	MathML string // the inside of the <math> element Temml made
}

var kindMath = ast.NewNodeKind("Math")

func (n *mathNode) Kind() ast.NodeKind { return kindMath }

func (n *mathNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Latex": n.Latex}, nil)
}

// mathBlockNode is display math standing as a block.
type mathBlockNode struct {
	ast.BaseBlock
	Latex, MathML string
}

var kindMathBlock = ast.NewNodeKind("MathBlock")

func (n *mathBlockNode) Kind() ast.NodeKind { return kindMathBlock }

func (n *mathBlockNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Latex": n.Latex}, nil)
}

// IsRaw: its MathML is written by the renderers below.
func (n *mathBlockNode) IsRaw() bool { return true }

// convertMath replaces the math passthrough read in doc by mathNodes with
// Temml's MathML; math Temml cannot read becomes code, with a warning.
func convertMath(doc ast.Node, src []byte, opts Options) {
	type found struct {
		n     ast.Node
		seg   text.Segment
		delim *passthrough.Delimiters
	}
	var all []found
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *passthrough.PassthroughInline:
			all = append(all, found{n, n.Segment, n.Delimiters})
		case *passthrough.PassthroughBlock:
			if n.Lines().Len() > 0 {
				all = append(all, found{n, n.Lines().At(0), n.Delimiters})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, f := range all {
		raw := f.seg.Value(src)
		latex := strings.TrimSpace(string(raw[len(f.delim.Open) : len(raw)-len(f.delim.Close)]))
		_, isBlock := f.n.(*passthrough.PassthroughBlock)
		mathML, err := latexToMathML(latex, isBlock)
		if err != nil || latex == "" {
			if err != nil && opts.refs != nil {
				opts.refs.warn("math\x00"+latex, fmt.Sprintf("line %d: math %s is shown as code: its LaTeX cannot be converted to MathML (%v): fix the LaTeX", opts.refs.line(src, f.seg.Start), shorten(string(raw)), err))
			}
			var repl ast.Node
			if isBlock {
				cb := ast.NewCodeBlock()
				cb.Lines().Append(f.seg)
				repl = cb
			} else {
				cs := ast.NewCodeSpan()
				cs.AppendChild(cs, ast.NewTextSegment(f.seg))
				repl = cs
			}
			f.n.Parent().ReplaceChild(f.n.Parent(), f.n, repl)
			continue
		}
		if !isBlock {
			f.n.Parent().ReplaceChild(f.n.Parent(), f.n, &mathNode{Latex: latex, MathML: mathML})
			continue
		}
		// The line breaks around display math written inside a paragraph
		// end the paragraphs it splits it into.
		if p, ok := f.n.PreviousSibling().(*ast.Paragraph); ok {
			if t, ok := p.LastChild().(*ast.Text); ok {
				t.SetSoftLineBreak(false)
				t.Segment = t.Segment.TrimRightSpace(src)
			}
		}
		if p, ok := f.n.NextSibling().(*ast.Paragraph); ok {
			for t, ok := p.FirstChild().(*ast.Text); ok; t, ok = p.FirstChild().(*ast.Text) {
				if t.Segment = t.Segment.TrimLeftSpace(src); t.Segment.Len() > 0 || t.NextSibling() == nil {
					break
				}
				p.RemoveChild(p, t) // the end of the line the math ended
			}
		}
		f.n.Parent().ReplaceChild(f.n.Parent(), f.n, &mathBlockNode{Latex: latex, MathML: mathML})
	}
}

// mathRenderer writes math as HTML: inline math as the editor's inline
// math format saves it (@wordpress/format-library's core/math: the
// LaTeX in data-latex, escaped as @wordpress/escape-html's
// escapeAttribute does), display math as <math display="block">.
type mathRenderer struct{}

func (mathRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindMath, renderMath)
	reg.Register(kindMathBlock, renderMath)
}

func renderMath(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	switch n := node.(type) {
	case *mathNode:
		_, _ = w.WriteString(`<math data-latex="` + mathAttribute(n.Latex) + `">` + n.MathML + `</math>`)
	case *mathBlockNode:
		_, _ = w.WriteString(`<math display="block">` + n.MathML + "</math>\n")
	}
	return ast.WalkSkipChildren, nil
}

// mathAttribute escapes an attribute's value as @wordpress/escape-html's
// escapeAttribute does in WordPress 7.1: & unless it starts a character
// reference, ", < and >.
func mathAttribute(s string) string {
	return strings.ReplaceAll(escapeAttribute(s), "<", "&lt;")
}

// mathBlockOf writes display math as a block (mathLatex in math.go).
func (b *blockWriter) mathBlockOf(n *mathBlockNode) {
	b.mathLatex(n.Latex, n.MathML)
}
