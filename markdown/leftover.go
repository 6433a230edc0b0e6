package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// What readers will see
//
// After a file is rendered, Leftovers looks at what readers will see of it
// — the text of the rendered HTML outside code (pre, code, script, style,
// textarea) and outside tags and attributes — for the source syntax of
// every dialect wpsync knows: template tags ({% %}, {{ }}, Hugo's and
// Zola's shortcodes), Obsidian's wikilinks, embeds, callouts (GitHub's
// alerts too), comments, highlights and block ids, admonitions (:::, !!!), MDX's import and
// export lines and JSX components, kramdown's attribute lists and heading
// ids, and HTML shown as text or as code. Whatever the adapter of the site
// ran is gone by then; what is left is a construct no adapter ran, and
// readers would see it as written. It is the net under every adapter: each
// hit is a Leftover, which the caller reports as a warning (or, with
// strict: true, an error) naming the line of the file it came from.
//
// The rules are in leftoverRules, one per construct, each with what to do
// about it. They are regular expressions over the text of one block of
// prose (a paragraph, a list item, a heading, a cell), never over HTML: the
// HTML is walked with golang.org/x/net/html's tokenizer.

// Leftover is source syntax of another dialect left in what readers see.
type Leftover struct {
	Line      int    // in the file, front matter counted; 0 when it could not be found
	Construct string // what it is, e.g. "Obsidian wikilink"
	Text      string // as readers see it, shortened
	Advice    string // what to do about it
}

// String is the warning: "line 5: Obsidian wikilink [[Callouts]] is shown
// to readers as text: write it as …".
func (l Leftover) String() string {
	s := fmt.Sprintf("%s %s is shown to readers as text: %s", l.Construct, l.Text, l.Advice)
	if l.Line > 0 {
		s = fmt.Sprintf("line %d: %s", l.Line, s)
	}
	return s
}

// leftoverRule is one construct: how it is found in a block of prose, and
// what to do about it.
type leftoverRule struct {
	name string
	// re finds it; its first group, when it has one, is the construct
	// (the rest is context that must be there).
	re *regexp.Regexp
	// in limits it to some blocks; nil: any block of prose.
	in func(b *proseBlock) bool
	// closer reports whether a match only closes an earlier one ({% endif
	// %}, {{< /note >}}, a bare :::): not counted again.
	closer func(m string) bool
	// keep, when set, tells a match that is the construct from one that
	// only looks like it.
	keep func(m string) bool
	// quick is text every match holds: a block without any of it is not
	// searched (most are not), which keeps the check cheap.
	quick  []string
	where  int // anywhere, lineStart or lineEnd, checked on the source
	advice string
}

// Advice that several rules share.
const (
	adviceTemplate = "nothing ran it here (wpsync runs Liquid for a Jekyll site with a _config.yml, Hugo shortcodes for a Hugo site, Zola's for a Zola site): map a shortcode to a template in wpsync.yaml (shortcodes: {name: …}), or write its result as Markdown"
	adviceAdmonish = "write it as a quote (> **Note:** …), or as HTML (<div class=\"note\">…</div>)"
)

// leftoverRules are tried in order; what one finds is masked from the
// rules after it, so a construct is named once: escaped HTML before the
// {{ }} inside its JSX attribute, Hugo's {{< >}} before {{ }}.
var leftoverRules = []leftoverRule{
	{
		name:   "JSX component",
		quick:  []string{"<"},
		re:     regexp.MustCompile(`<[A-Z][\w.]*(?:\s[^<>]*)?/?>`),
		advice: "WordPress does not run MDX: write what it shows as Markdown or HTML",
	},
	{
		name:   "HTML source",
		quick:  []string{"<"},
		re:     regexp.MustCompile(`<[a-z][a-z0-9-]*\s+[A-Za-z_:@][-\w:.]*\s*=[^<>]*>`),
		keep:   func(m string) bool { return atom.Lookup([]byte(rawTagName([]byte(m)))) != 0 },
		advice: "write it as HTML that parses (an attribute such as style={{…}} is JSX, not HTML), or in a code span if it is an example",
	},
	{
		name:   "Hugo shortcode",
		quick:  []string{"{{<", "{{%"},
		re:     regexp.MustCompile(`\{\{[<%]\s*/?\s*[\w./-]+(?:[^}]|\}[^}])*?[>%]\}\}`),
		closer: func(m string) bool { return strings.HasPrefix(strings.TrimLeft(m[3:], " \t\n"), "/") },
		advice: "a Hugo site (hugo.toml, or config.toml with baseURL) runs it; else map it to a template in wpsync.yaml (shortcodes: {name: …})",
	},
	{
		name:   "Zola shortcode",
		quick:  []string{"{{", "{%"},
		re:     regexp.MustCompile(`\{\{\s*[A-Za-z_]\w*\((?:[^(){}]|\([^()]*\))*\)\s*\}\}|\{%\s*[A-Za-z_]\w*\((?:[^%]|%[^}])*\)\s*%\}|\{%\s*end\s*%\}`),
		closer: func(m string) bool { return strings.TrimSpace(m[2:len(m)-2]) == "end" },
		advice: "a Zola site (config.toml with base_url) runs it; else map it to a template in wpsync.yaml (shortcodes: {name: …})",
	},
	{
		name:  "template tag",
		quick: []string{"{%"},
		re:    regexp.MustCompile(`\{%-?\s*[A-Za-z_][\w.-]*(?:[^%]|%[^}])*?-?%\}`),
		closer: func(m string) bool {
			w := strings.TrimLeft(m[2:], "- \t\n")
			return strings.HasPrefix(w, "end")
		},
		advice: "Liquid, Nunjucks or Jinja: " + adviceTemplate,
	},
	{
		name:   "template output",
		quick:  []string{"{{"},
		re:     regexp.MustCompile(`\{\{-?\s*[^{}\s](?:[^{}]|\}[^}])*?-?\}\}`),
		advice: "Liquid, Nunjucks, Jinja or a Go template: " + adviceTemplate,
	},
	{
		name:   "Obsidian embed",
		quick:  []string{"![["},
		re:     regexp.MustCompile(`!\[\[[^\[\]\n]+\]\]`),
		advice: "write it as a Markdown picture or link (![](Attachments/name.png))",
	},
	{
		name:   "Obsidian wikilink",
		quick:  []string{"[["},
		re:     regexp.MustCompile(`\[\[[^\[\]\n]+\]\]`),
		keep:   func(m string) bool { return !wpShortcodes[strings.Fields(m[2:len(m)-2] + " x")[0]] },
		advice: "write it as a Markdown link ([text](Note.md), [text](Note.md#heading))",
	},
	{
		// A plain folder and a Hugo site make GitHub's alerts callouts,
		// Hugo's with Obsidian's sign and title too (alerts.go): what
		// is left is a form the site does not read.
		name:   "Obsidian callout or GitHub alert",
		quick:  []string{"[!"},
		re:     regexp.MustCompile(`^\s*(\[![A-Za-z][\w-]*\][+-]?)`),
		in:     func(b *proseBlock) bool { return b.quoteStart },
		advice: "a plain folder reads GitHub's alerts (> [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION] alone on the first line of a quote that is in no other element), a Hugo site any > [!type] with an optional title; else write it as a plain quote with a bold title (> **Title**), or as HTML",
	},
	{
		name:   "Obsidian comment",
		quick:  []string{"%%"},
		re:     regexp.MustCompile(`(?:^|[\s(])(%%(?:[^%]|%[^%])*(?:%%|$))`),
		closer: func(m string) bool { return strings.TrimSpace(strings.Trim(m, "%")) == "" },
		advice: "write it as an HTML comment (<!-- … -->)",
	},
	{
		name:   "Obsidian highlight",
		quick:  []string{"=="},
		re:     regexp.MustCompile(`(?:^|[^=])(==[^=\s](?:[^=\n]*[^=\s])?==)(?:$|[^=])`),
		advice: "write it as <mark>…</mark>",
	},
	{
		name:   "Obsidian block id",
		quick:  []string{"^"},
		re:     regexp.MustCompile(`(?:^|\s)(\^[A-Za-z0-9-]*[A-Za-z][A-Za-z0-9-]*)(?:$|\s)`),
		keep:   func(m string) bool { return len(m) > 2 }, // not ^C
		where:  lineEnd,
		advice: "remove it, and link to a heading instead",
	},
	{
		name:   "admonition",
		quick:  []string{":::"},
		re:     regexp.MustCompile(`(?:^|\s)(:{3,}[ \t]*[A-Za-z][\w-]*)`),
		where:  lineStart,
		advice: ":::type is a Docusaurus, VitePress or markdown-it container: " + adviceAdmonish,
	},
	{
		name:   "MkDocs admonition",
		quick:  []string{"!!!", "???"},
		re:     regexp.MustCompile(`(?:^|\s)((?:!!!|\?\?\?\+?)[ \t]+[A-Za-z][\w-]*)`),
		where:  lineStart,
		advice: adviceAdmonish,
	},
	{
		name:   "MDX import",
		quick:  []string{"import"},
		re:     regexp.MustCompile(`(?:^|[\s;])(import\s+(?:[\w$*{}\s,]+\s+from\s+)?["'“”‘’][^"'“”‘’\n]+["'“”‘’];?)`),
		where:  lineStart,
		advice: "WordPress does not run MDX: remove the line",
	},
	{
		name:   "MDX export",
		quick:  []string{"export"},
		re:     regexp.MustCompile(`(?:^|[\s;])(export\s+(?:(?:default|const|let|var|function|class|async\s+function)\b|\{)[^\n;{]*)`),
		where:  lineStart,
		advice: "WordPress does not run MDX: remove it, or put it in a code block if it is an example",
	},
	{
		name:   "kramdown attribute list",
		quick:  []string{"{:"},
		re:     regexp.MustCompile(`\{::?[^{}\n]*\}`),
		advice: "a Jekyll site (_config.yml) reads kramdown's attribute lists where they follow a block; else remove it",
	},
	{
		// imageattrs.go and caption.go read them where they belong; one
		// left is in the wrong place or format, or says something else.
		name:   "image or table attribute list",
		quick:  []string{"sizeSlug=", "linkDestination=", "hasFixedLayout=", "align=", "width=", "height="},
		re:     regexp.MustCompile(`(\{[^{}\n]*\b(?:sizeSlug|linkDestination|hasFixedLayout|align|width|height)=[^{}\n]*\})`),
		advice: "right after an image, {sizeSlug=… linkDestination=…} in the blocks format, {align=… width=… height=… sizeSlug=…} after a captioned image in the classic format; {hasFixedLayout=true} alone on the line under a table; else remove it",
	},
	{
		name:   "heading id",
		quick:  []string{"{"},
		re:     regexp.MustCompile(`(\{\s*[#.][\w:.-]+(?:\s+[^{}\n]*)?\})\s*$`),
		in:     func(b *proseBlock) bool { return b.heading },
		advice: "a Hugo or Jekyll site reads {#id} (MkDocs' attr_list { #id } too); else write the heading as HTML (<h2 id=\"id\">…</h2>), or remove it",
	},
}

// wpShortcodes are WordPress's own shortcodes: [[gallery]] is how an
// author shows "[gallery]" on WordPress, not a wikilink.
var wpShortcodes = map[string]bool{"audio": true, "caption": true, "wp_caption": true, "embed": true, "gallery": true, "playlist": true, "video": true}

// Rules that are not about a block of prose.
const (
	ruleRawJSX       = "JSX component"
	ruleIndentedHTML = "HTML shown as code"
	adviceRawJSX     = "WordPress does not run MDX: the browser shows what it encloses without it (tabs one after another, no labels): write it as Markdown or HTML"
	adviceIndented   = "4 spaces of indentation (or a blank line inside an HTML block) make a code block in Markdown: remove the indentation of the HTML, or the blank lines inside it"
)

// proseBlock is the text of one block of what readers see.
type proseBlock struct {
	text       strings.Builder
	heading    bool // h1-h6
	quoteStart bool // the first block of a blockquote
}

// hit is a construct found, before its line is known.
type hit struct {
	rule   string
	text   string // as found
	needle string // what is looked for in the source
	advice string
	code   bool // an indented code block: look for it indented
	where  int  // lineStart, lineEnd: where in its source line it must be
}

// Where a construct must be in its line of the source, which rendering
// hides (soft line breaks join lines).
const (
	anywhere  = iota
	lineStart // after up to 3 spaces: a line of its own (:::note, import)
	lineEnd   // only spaces after it (^block-id)
)

// Leftovers finds the source syntax of other dialects in rendered (HTML or
// block markup), and the line of body each is on; bodyLine is the number
// of lines of the file before body (its front matter).
func Leftovers(rendered string, body []byte, bodyLine int) []Leftover {
	hits, tags := leftoverHits(rendered)
	if len(hits) == 0 && !mayHaveComponent(body) {
		return nil
	}
	src := newSourceText(body)
	var out []Leftover
	// A JSX component written as HTML is an element of the rendered HTML,
	// whose name the parser lower-cased: found by its name in the source.
	for _, m := range jsxTag.FindAllStringSubmatchIndex(src.text[0], -1) {
		name := src.text[0][m[2]:m[3]]
		if !isComponent(name) || !tags[strings.ToLower(name)] {
			continue
		}
		out = append(out, Leftover{Line: bodyLine + 1 + strings.Count(src.text[0][:m[0]], "\n"), Construct: ruleRawJSX,
			Text: shorten(src.text[0][m[0]:m[1]]), Advice: adviceRawJSX})
	}
	for _, h := range hits {
		line := src.find(h)
		if line == 0 {
			// Not in the source as written: the author's escape of
			// the dialect ({{</* x */>}}, {{/* x() */}}) shows it on
			// purpose, or a template made it.
			continue
		}
		line += bodyLine
		out = append(out, Leftover{Line: line, Construct: h.rule, Text: shorten(h.text), Advice: h.advice})
	}
	slices.SortStableFunc(out, func(a, b Leftover) int { return a.Line - b.Line })
	return out
}

// skipped are the elements whose text is not prose: code, and what the
// browser does not show as text.
var skipped = map[atom.Atom]bool{atom.Pre: true, atom.Code: true, atom.Script: true, atom.Style: true,
	atom.Textarea: true, atom.Template: true, atom.Kbd: true, atom.Samp: true, atom.Svg: true, atom.Math: true}

// blockLevel are the elements that start and end a block of prose.
var blockLevel = map[atom.Atom]bool{atom.P: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Div: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Td: true, atom.Th: true, atom.Tr: true, atom.Table: true, atom.Dt: true, atom.Dd: true, atom.Dl: true,
	atom.Figure: true, atom.Figcaption: true, atom.Section: true, atom.Article: true, atom.Aside: true,
	atom.Details: true, atom.Summary: true, atom.Hr: true, atom.Pre: true, atom.Header: true, atom.Footer: true, atom.Nav: true}

// leftoverHits walks rendered and returns what the rules find, in order,
// and the names of the elements outside code (lower-cased, as the HTML
// parser and the block editor leave them).
func leftoverHits(rendered string) (hits []hit, tags map[string]bool) {
	tags = map[string]bool{}
	z := html.NewTokenizer(strings.NewReader(rendered))
	var (
		cur       = &proseBlock{}
		skip      []atom.Atom // open skipped elements
		code      strings.Builder
		inPre     bool
		codeClass bool // the code block names a language: fenced
		headings  int  // open headings
		quote     bool // a blockquote opened and no block of it was seen yet
	)
	flush := func() {
		if strings.TrimSpace(cur.text.String()) != "" {
			hits = append(hits, proseHits(cur)...)
			quote = false
		}
		cur = &proseBlock{heading: headings > 0, quoteStart: quote}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return hits, tags
		case html.TextToken:
			if len(skip) > 0 {
				if inPre {
					code.Write(z.Text())
				}
				continue
			}
			cur.text.Write(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if len(skip) > 0 {
				if tt == html.StartTagToken && skipped[a] {
					skip = append(skip, a)
				}
				if a == atom.Code && inPre && hasAttr && classOf(z) != "" {
					codeClass = true
				}
				continue
			}
			tags[string(name)] = true
			if blockLevel[a] || a == atom.Br {
				if a == atom.Br {
					cur.text.WriteString("\n")
				} else {
					flush()
				}
			}
			switch {
			case isHeading(a):
				headings++
				cur.heading = true
			case a == atom.Blockquote:
				quote = true
				cur.quoteStart = true
			}
			if skipped[a] && tt == html.StartTagToken {
				skip = append(skip, a)
				if a == atom.Pre {
					inPre, codeClass = true, false
					code.Reset()
				}
				if a == atom.Code || a == atom.Pre {
					cur.text.WriteString("\uFFFC") // keeps constructs from joining across it
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if len(skip) > 0 {
				if skip[len(skip)-1] == a {
					skip = skip[:len(skip)-1]
				}
				if a == atom.Pre && len(skip) == 0 {
					if h, ok := indentedHTML(code.String(), codeClass); ok {
						hits = append(hits, h)
					}
					inPre = false
				}
				continue
			}
			if blockLevel[a] {
				flush()
			}
			if isHeading(a) {
				headings = max(headings-1, 0)
				cur.heading = headings > 0
			}
		}
	}
}

// proseHits applies the rules to one block of prose.
func proseHits(b *proseBlock) []hit {
	text := b.text.String()
	var hits []hit
	type found struct {
		at int
		h  hit
	}
	var all []found
	for _, r := range leftoverRules {
		if r.in != nil && !r.in(b) || !containsAny(text, r.quick) {
			continue
		}
		for _, m := range r.re.FindAllStringSubmatchIndex(text, -1) {
			s, e := m[0], m[1]
			if len(m) >= 4 && m[2] >= 0 {
				s, e = m[2], m[3]
			}
			t := text[s:e]
			if strings.ContainsAny(t, "\x1a\uFFFC") || r.keep != nil && !r.keep(t) {
				continue // in what an earlier rule found, across code, or not it
			}
			text = text[:s] + strings.Repeat("\x1a", e-s) + text[e:]
			if r.closer != nil && r.closer(t) {
				continue
			}
			all = append(all, found{s, hit{rule: r.name, text: t, needle: needleOf(t), advice: r.advice, where: r.where}})
		}
	}
	slices.SortStableFunc(all, func(a, b found) int { return a.at - b.at })
	for _, f := range all {
		hits = append(hits, f.h)
	}
	return hits
}

// indentedHTML reports HTML markup shown as a code block that names no
// language: source that was indented 4 spaces among HTML. Whether it was
// is decided on the source (sourceText.find), where a code block shown on
// purpose follows prose, not HTML.
func indentedHTML(code string, fenced bool) (hit, bool) {
	first := strings.TrimSpace(code)
	if fenced || len(first) < 3 || first[0] != '<' {
		return hit{}, false
	}
	if i := strings.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	z := html.NewTokenizer(strings.NewReader(first))
	if tt := z.Next(); tt != html.StartTagToken && tt != html.EndTagToken && tt != html.SelfClosingTagToken {
		return hit{}, false
	}
	return hit{rule: ruleIndentedHTML, text: first, needle: needleOf(first), advice: adviceIndented, code: true}, true
}

// classOf returns the class attribute of the current tag.
func classOf(z *html.Tokenizer) string {
	for {
		k, v, more := z.TagAttr()
		if string(k) == "class" {
			return string(v)
		}
		if !more {
			return ""
		}
	}
}

// containsAny reports whether s holds one of subs.
func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func isHeading(a atom.Atom) bool {
	return a == atom.H1 || a == atom.H2 || a == atom.H3 || a == atom.H4 || a == atom.H5 || a == atom.H6
}

// rawTagName is the name of a tag as written ("TabItem"), which the
// tokenizer lower-cases.
func rawTagName(raw []byte) string {
	raw = bytes.TrimPrefix(raw, []byte("<"))
	end := bytes.IndexFunc(raw, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-')
	})
	if end < 0 {
		end = len(raw)
	}
	return string(raw[:end])
}

// isComponent reports whether a tag name is a JSX component's: capitalised,
// with a lower-case letter after (<TabItem>, <Link>; not <DIV>).
func isComponent(tag string) bool {
	if tag == "" || !unicode.IsUpper(rune(tag[0])) {
		return false
	}
	return strings.IndexFunc(tag, unicode.IsLower) > 0
}

// mayHaveComponent reports whether body may hold a JSX component's tag:
// a < before a capital letter.
func mayHaveComponent(body []byte) bool {
	for i := 0; i+1 < len(body); i++ {
		if body[i] == '<' && body[i+1] >= 'A' && body[i+1] <= 'Z' {
			return true
		}
	}
	return false
}

// jsxTag is a start tag in the source; its name is group 1.
var jsxTag = regexp.MustCompile(`<([A-Za-z][\w.]*)(?:\s[^<>]*)?/?>`)

// needleOf is the part of a construct looked for in the source: up to
// what rendering put in it (code), with the typographer's quotes, dashes
// and ellipses written back as the source has them (unTypo).
func needleOf(t string) string {
	if i := strings.IndexRune(t, '\uFFFC'); i >= 0 {
		t = t[:i]
	}
	return strings.TrimSpace(unTypo.Replace(t))
}

// unTypo undoes the typographer (render.go), on the needle and on the
// source alike, so that quotes typed curly match too.
var unTypo = strings.NewReplacer("“", `"`, "”", `"`, "‘", "'", "’", "'", "«", "<<", "»", ">>", "–", "--", "—", "---", "…", "...")

// shorten keeps a construct's text to one line of a message.
func shorten(t string) string {
	t = strings.Join(strings.Fields(strings.ReplaceAll(t, "\uFFFC", "…")), " ")
	if r := []rune(t); len(r) > 60 {
		t = string(r[:57]) + "..."
	}
	return t
}

// sourceText is the body of a file as the needles are looked for in it:
// fenced code blocks and code spans blanked out, since what they hold is
// shown as code, and so are {% raw %} … {% endraw %} (Liquid, Nunjucks,
// Jinja; verbatim in Twig and Tera), which show template code on purpose.
// It is looked at as written and as readers see it: without backslash
// escapes and with entities decoded, line by line, so that both versions
// have the same lines.
type sourceText struct {
	lines []string
	text  [2]string         // as written, as seen
	from  map[string][2]int // where the next search for a needle starts, in each version
}

func newSourceText(body []byte) *sourceText {
	s := &sourceText{lines: strings.Split(string(body), "\n"), from: map[string][2]int{}}
	fence := ""
	for i, l := range s.lines {
		t := strings.TrimLeft(l, " ")
		indent := len(l) - len(t)
		switch {
		case fence != "":
			if indent < 4 && strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]+" \t") == "" {
				fence = ""
			}
			s.lines[i] = ""
			continue
		case indent < 4 && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")):
			n := len(t) - len(strings.TrimLeft(t, t[:1]))
			fence = strings.Repeat(t[:1], n)
			s.lines[i] = ""
			continue
		}
		s.lines[i] = unTypo.Replace(blankCodeSpans(l))
	}
	s.blankRaw()
	seen := make([]string, len(s.lines))
	for i, l := range s.lines {
		seen[i] = strings.ReplaceAll(html.UnescapeString(strings.ReplaceAll(l, `\`, "")), "\n", " ")
	}
	s.text = [2]string{strings.Join(s.lines, "\n"), strings.Join(seen, "\n")}
	return s
}

// find returns the line (1-based in the body) of the next occurrence of
// h's needle, after the last one found for the same needle, where h must
// be in its line; 0 when none, or when the source shows it is no
// leftover (a code block that does not follow HTML).
func (s *sourceText) find(h hit) int {
	if h.needle == "" {
		return 0
	}
	// Rendering joins lines and collapses spaces: any run of spaces in
	// the needle is any run in the source.
	parts := strings.Fields(h.needle)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	re, err := regexp.Compile(strings.Join(parts, `\s+`))
	if err != nil {
		return 0
	}
	key := h.rule + "\x00" + h.needle
	from := s.from[key]
	for v, text := range s.text {
		for at := from[v]; at <= len(text); {
			m := re.FindStringIndex(text[at:])
			if m == nil {
				break
			}
			start, end := at+m[0], at+m[1]
			at = end
			line := strings.Count(text[:start], "\n")
			before := text[strings.LastIndexByte(text[:start], '\n')+1 : start]
			after := text[end:]
			if k := strings.IndexByte(after, '\n'); k >= 0 {
				after = after[:k]
			}
			switch {
			case h.where == lineStart && (len(before) > 3 || strings.TrimSpace(before) != ""),
				h.where == lineEnd && strings.TrimSpace(after) != "":
				continue
			}
			// Both versions go on from this line.
			from[v] = end
			from[1-v] = lineOffset(s.text[1-v], line)
			s.from[key] = from
			if h.code && !s.indentedAmongHTML(line) {
				return 0 // a code block shown on purpose
			}
			return line + 1
		}
	}
	return 0
}

// lineOffset is where line i (0-based) of text starts.
func lineOffset(text string, i int) int {
	at := 0
	for ; i > 0; i-- {
		k := strings.IndexByte(text[at:], '\n')
		if k < 0 {
			return len(text)
		}
		at += k + 1
	}
	return at
}

// indentedAmongHTML reports whether line i is indented code (4 spaces or a
// tab) that follows HTML: the line before it that is not blank is a tag.
func (s *sourceText) indentedAmongHTML(i int) bool {
	l := s.lines[i]
	if !strings.HasPrefix(l, "    ") && !strings.HasPrefix(l, "\t") {
		return false
	}
	for k := i - 1; k >= 0; k-- {
		p := strings.TrimSpace(s.lines[k])
		if p == "" {
			continue
		}
		if strings.HasPrefix(s.lines[k], "    ") || strings.HasPrefix(s.lines[k], "\t") {
			continue // the code block's own lines
		}
		return len(p) > 1 && p[0] == '<' && (p[1] == '/' || unicode.IsLetter(rune(p[1])))
	}
	return false
}

// rawStart and rawEnd delimit template code shown as written.
var (
	rawStart = regexp.MustCompile(`\{%-?\s*(?:raw|verbatim)\s*-?%\}`)
	rawEnd   = regexp.MustCompile(`\{%-?\s*end(?:raw|verbatim)\s*-?%\}`)
)

// blankRaw blanks the raw regions of s.lines, which may span lines.
func (s *sourceText) blankRaw() {
	in := false
	for i, l := range s.lines {
		b := []byte(l)
		for pos := 0; pos <= len(b); {
			if !in {
				m := rawStart.FindIndex(b[pos:])
				if m == nil {
					break
				}
				pos += m[1]
				in = true
				continue
			}
			end := len(b)
			next := end
			if m := rawEnd.FindIndex(b[pos:]); m != nil {
				end, next = pos+m[0], pos+m[1]
				in = false
			}
			for k := pos; k < end; k++ {
				b[k] = ' '
			}
			pos = next
			if in {
				break
			}
		}
		s.lines[i] = string(b)
	}
}

// blankCodeSpans replaces the code spans of a line with spaces.
func blankCodeSpans(l string) string {
	if !strings.Contains(l, "`") {
		return l
	}
	b := []byte(l)
	for i := 0; i < len(b); {
		if b[i] != '`' {
			i++
			continue
		}
		n := 0
		for i+n < len(b) && b[i+n] == '`' {
			n++
		}
		run := strings.Repeat("`", n)
		end := strings.Index(string(b[i+n:]), run)
		if end < 0 {
			i += n
			continue
		}
		stop := i + n + end + n
		for k := i; k < stop; k++ {
			b[k] = ' '
		}
		i = stop
	}
	return string(b)
}

// withLeftovers adds the leftovers to the warnings of rendering, in place
// of the converter's own "left as text" warning on the same line: the
// leftover says what to do.
func withLeftovers(warnings []string, leftovers []Leftover) []string {
	if len(leftovers) == 0 {
		return warnings
	}
	lines := map[string]bool{}
	for _, l := range leftovers {
		if l.Line > 0 {
			lines[fmt.Sprintf("line %d: ", l.Line)] = true
		}
	}
	var out []string
	for _, w := range warnings {
		if i := strings.Index(w, ": "); i > 0 && lines[w[:i+2]] && strings.Contains(w, " left as text") {
			continue
		}
		out = append(out, w)
	}
	for _, l := range leftovers {
		out = append(out, l.String())
	}
	return out
}
