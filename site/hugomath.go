package site

import "github.com/wpsync/wpsync/markdown"

// hugoMath is the math a Hugo site's Markdown holds: the delimiters of
// goldmark's passthrough extension when the configuration enables it
// ([markup.goldmark.extensions.passthrough], gohugo.io "Configure
// markup": enable, delimiters.block and delimiters.inline, each a list
// of [open, close] pairs). Hugo passes what they enclose to the page for
// MathJax or KaTeX to draw; wpsync renders it as math. Nil when the
// extension is off or names no delimiters.
func hugoMath(m map[string]any) *markdown.MathSyntax {
	pt := m
	for _, k := range []string{"markup", "goldmark", "extensions", "passthrough"} {
		v, _ := lookup(pt, k)
		if pt, _ = v.(map[string]any); pt == nil {
			return nil
		}
	}
	if on, _ := lookupBool(pt, "enable"); !on {
		return nil
	}
	v, _ := lookup(pt, "delimiters")
	delims, _ := v.(map[string]any)
	pairs := func(key string) []markdown.MathDelimiters {
		v, _ := lookup(delims, key)
		list, _ := v.([]any)
		var out []markdown.MathDelimiters
		for _, p := range list {
			pair, _ := p.([]any)
			if len(pair) != 2 {
				continue
			}
			open, _ := pair[0].(string)
			closing, _ := pair[1].(string)
			if open != "" && closing != "" {
				out = append(out, markdown.MathDelimiters{Open: open, Close: closing})
			}
		}
		return out
	}
	math := &markdown.MathSyntax{Block: pairs("block"), Inline: pairs("inline")}
	if len(math.Block) == 0 && len(math.Inline) == 0 {
		return nil
	}
	return math
}
