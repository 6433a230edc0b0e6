package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Alerts: GitHub's (docs.github.com, "Basic writing and formatting
// syntax", Alerts) are quotes whose first line is [!NOTE], [!TIP],
// [!IMPORTANT], [!WARNING] or [!CAUTION], any case, alone on the line, in
// a quote that is not inside another element; Hugo (0.132+, blockquote
// render hooks) reads the same marker of any type made of letters, in any
// quote, and since 0.134 Obsidian's extended form after it: a sign (+ or
// -) and a title. Both are the syntax of Obsidian's callouts, so an alert
// becomes the same Callout node (obsidian_syntax.go), titled by its type
// as GitHub shows it (Note, Tip…) when it has no title.

// AlertSyntax is which quotes a site reads as alerts.
type AlertSyntax int

const (
	// NoAlerts: a quote is a quote, its marker text.
	NoAlerts AlertSyntax = iota
	// GitHubAlerts: the five types, the marker alone on the first line,
	// in a quote at the top of the body (as GitHub shows a folder's
	// Markdown).
	GitHubAlerts
	// HugoAlerts: any type of letters, with an optional sign and title,
	// in any quote (Hugo's blockquote render hooks).
	HugoAlerts
)

// gitHubAlertTypes are the types GitHub shows as alerts.
var gitHubAlertTypes = map[string]bool{"note": true, "tip": true, "important": true, "warning": true, "caution": true}

// alerts makes the quotes of doc that syntax reads as alerts callouts,
// innermost first, as Obsidian's are (a callout's content moves into its
// node).
func alerts(doc ast.Node, src []byte, syntax AlertSyntax) {
	if syntax == NoAlerts {
		return
	}
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			if isAlert(q, src, syntax) {
				quotes = append(quotes, q)
			}
			if syntax == GitHubAlerts {
				return ast.WalkSkipChildren, nil // GitHub: never nested
			}
		}
		return ast.WalkContinue, nil
	})
	for i := len(quotes) - 1; i >= 0; i-- {
		callout(quotes[i], src) // obsidian_syntax.go
	}
}

// isAlert reports whether the quote q opens with an alert's marker that
// syntax reads.
func isAlert(q *ast.Blockquote, src []byte, syntax AlertSyntax) bool {
	if syntax == GitHubAlerts {
		if _, ok := q.Parent().(*ast.Document); !ok {
			return false
		}
	}
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return false
	}
	first := p.Lines().At(0)
	m := calloutRe.FindSubmatch(bytes.TrimSpace(first.Value(src)))
	if m == nil {
		return false
	}
	typ := strings.ToLower(string(m[1]))
	switch syntax {
	case GitHubAlerts:
		return gitHubAlertTypes[typ] && len(m[2]) == 0 && len(m[3]) == 0
	case HugoAlerts:
		return strings.Trim(typ, "abcdefghijklmnopqrstuvwxyz") == ""
	}
	return false
}
