package pull

import (
	"strings"

	"github.com/wpsync/wpsync/markdown"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// mermaidMarkdown writes MerPress's Mermaid block as the ```mermaid block
// package markdown writes it from on a site with MerPress.
func mermaidMarkdown(s markdown.Block) (string, []string, bool) {
	doc, err := html.Parse(strings.NewReader(s.Inner))
	if err != nil {
		return "", nil, false
	}
	pre := find(doc, atom.Pre)
	if pre == nil {
		return "", nil, false
	}
	text := textOf(pre)
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	return fence + "mermaid\n" + text + "\n" + fence, nil, true
}
