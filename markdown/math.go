package markdown

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/dop251/goja"
	"github.com/yuin/goldmark/ast"
)

// temmlJS is Temml 0.10.34 (temml/temml.js, MIT licence in
// temml/LICENSE), the LaTeX to MathML converter the block editor's Math
// block uses (@wordpress/latex-to-mathml), so that wpsync's MathML is the
// editor's. It runs in goja, a JavaScript engine in pure Go.
//
//go:embed temml/temml.js
var temmlJS string

// temml is the JavaScript runtime holding Temml, made on first use (it
// takes about half a second) and used by one caller at a time.
var temml struct {
	once sync.Once
	mu   sync.Mutex
	vm   *goja.Runtime
	err  error
}

// latexToMathML converts LaTeX to MathML as the editor does
// (@wordpress/latex-to-mathml): Temml with annotate and throwOnError,
// the inside of the <math> element returned. err is Temml's message for
// LaTeX it cannot read.
func latexToMathML(latex string, display bool) (string, error) {
	temml.once.Do(func() {
		vm := goja.New()
		if _, err := vm.RunString(temmlJS); err != nil {
			temml.err = fmt.Errorf("load Temml: %w", err)
			return
		}
		temml.vm = vm
	})
	if temml.err != nil {
		return "", temml.err
	}
	temml.mu.Lock()
	defer temml.mu.Unlock()
	vm := temml.vm
	if err := vm.Set("latex", latex); err != nil {
		return "", err
	}
	mode := "false"
	if display {
		mode = "true"
	}
	v, err := vm.RunString(`temml.renderToString(latex, {displayMode: ` + mode + `, annotate: true, throwOnError: true})`)
	if err != nil {
		var ex *goja.Exception
		if errors.As(err, &ex) {
			return "", errors.New(strings.TrimSpace(ex.Value().String()))
		}
		return "", err
	}
	out := v.String()
	start := strings.IndexByte(out, '>')
	if !strings.HasPrefix(out, "<math") || start < 0 || !strings.HasSuffix(out, "</math>") {
		return "", fmt.Errorf("temml gave no <math> element: %.80q", out)
	}
	return out[start+1 : len(out)-len("</math>")], nil
}

// isMathFence reports whether a fenced code block is math: ```math, as
// GitHub, GitLab and Obsidian read it.
func isMathFence(n *ast.FencedCodeBlock, src []byte) bool {
	return strings.EqualFold(string(n.Language(src)), "math")
}

// mathBlock writes a ```math block as a Math block (core/math, WordPress
// 6.9+: the LaTeX in its latex attribute, the MathML Temml makes of it in
// <math display="block">), or, where the editor has none, the MathML in a
// Custom HTML block, which browsers show. LaTeX Temml cannot read stays a
// Code block, with a warning. It reports whether it wrote a block.
func (b *blockWriter) mathBlock(n *ast.FencedCodeBlock) bool {
	var text strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		text.Write(seg.Value(b.src))
	}
	latex := strings.TrimSpace(text.String())
	mathML, err := latexToMathML(latex, true)
	if err != nil || latex == "" {
		if err != nil && b.opts.refs != nil {
			b.opts.refs.warn("math:"+latex, fmt.Sprintf("a ```math block is shown as code: its LaTeX cannot be converted to MathML (%v): fix the LaTeX", err))
		}
		b.code(n, n.Language(b.src))
		return true
	}
	b.mathLatex(latex, mathML)
	return true
}

// mathLatex writes display math: a Math block (6.9+), else its MathML in
// a Custom HTML block.
func (b *blockWriter) mathLatex(latex, mathML string) {
	if b.opts.Markup.NoMath {
		b.open("html")
		b.str(`<math display="block">`, mathML, `</math>`)
		b.close("html")
		return
	}
	// The serializer of the editors that have the Math block writes a
	// backslash as \u005c (checked with @wordpress/blocks 16).
	b.str(`<!-- wp:math {"latex":`, strings.ReplaceAll(jsonString(latex), `\\`, `\u005c`), "} -->\n")
	b.str(`<div class="wp-block-math"><math display="block">`, mathML, `</math></div>`)
	b.close("math")
}
