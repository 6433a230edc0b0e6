package site

import "github.com/wpsync/wpsync/markdown"

// plain is a folder of Markdown without a generator's configuration: every
// file is a post, as before sites were recognised. Hugo's _index.md cascade
// and its headless and build keys are still honoured (a content/ folder
// copied out of a Hugo site keeps its snippets out), and so are static/ and
// the folder itself for paths from the root.
type plain struct{ base }

func newPlain(dir string, static []string) *plain {
	p := &plain{base{generator: "plain", static: withStatic(static, []string{"static", ""})}}
	p.cascades = readCascades(dir, "", func(string) bool { return false })
	p.cascading = true
	if len(p.cascades) > 0 || len(static) > 0 {
		p.setKey(nil, nil)
	} // else "": a folder as wpsync always read it
	return p
}

func (p *plain) Prune(string) bool { return false }

func (p *plain) Page(rel string) Page {
	return Page{Rules: p.rules(p.cascaded(rel))}
}

func (p *plain) Rendered(_ string, doc *markdown.Document) string { return rendered(doc) }

// Plain returns the adapter of a plain folder, for callers that did not
// Detect one.
func Plain(dir string, static []string) Site { return newPlain(dir, static) }
