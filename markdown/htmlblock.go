package markdown

import (
	"bytes"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Custom HTML blocks
//
// The editor reads a Custom HTML block's content through the browser's HTML
// parser and compares what comes out with what was saved. HTML the browser
// builds differently from how it is written — a <table> without <tbody>,
// an element left open, a <div> inside a <p>, a bare "<" — makes the block
// invalid. So the content of each Custom HTML block is the HTML as written
// when the browser reads it the same way, and otherwise the HTML as the
// browser reads it (html.ParseFragment implements the same HTML5 parsing
// algorithm), which shows the same on the site.

// htmlContent returns s, or s as a browser serialises it when the editor
// would read s into something else.
func htmlContent(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return s // a strings.Reader does not fail
	}
	var b strings.Builder
	for _, n := range nodes {
		writeNode(&b, n)
	}
	norm := b.String()
	if norm == s || sameTokens(s, norm) {
		return s
	}
	return norm
}

// htmlDepth returns how many more elements s opens than it closes.
func htmlDepth(s string) int {
	z := html.NewTokenizer(strings.NewReader(s))
	depth := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return depth
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				depth++
			}
		case html.EndTagToken:
			depth--
		}
	}
}

// normalizeTags rewrites the tags in raw (inline HTML: tags and comments
// only) the way innerHTML writes them; anything else stays as it is.
func normalizeTags(raw []byte) string {
	z := html.NewTokenizer(bytes.NewReader(raw))
	var b strings.Builder
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			b.WriteString("<" + string(name))
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				b.WriteString(" " + string(k) + `="` + escapeAttrValue(string(v)) + `"`)
			}
			if tt == html.SelfClosingTagToken && !voidElements[string(name)] {
				b.WriteString("/") // richSafe refuses it
			}
			b.WriteByte('>')
		case html.EndTagToken:
			name, _ := z.TagName()
			b.WriteString("</" + string(name) + ">")
		default:
			b.Write(z.Raw())
		}
	}
}

// token is an HTML token as the editor's validator compares them: tag
// names, attributes as a set with class names as a set, text with
// whitespace collapsed, entity references resolved.
type token struct {
	typ   html.TokenType
	data  string
	attrs []string
}

// sameTokens reports whether the editor's validator would find a and b
// equivalent. Text holding a "<" that starts no tag counts as different:
// the validator's tokenizer reads it otherwise than browsers do.
func sameTokens(a, b string) bool {
	ta, ok := validatorTokens(a)
	if !ok {
		return false
	}
	tb, ok := validatorTokens(b)
	return ok && slices.EqualFunc(ta, tb, func(x, y token) bool {
		return x.typ == y.typ && x.data == y.data && slices.Equal(x.attrs, y.attrs)
	})
}

func validatorTokens(s string) ([]token, bool) {
	z := html.NewTokenizer(strings.NewReader(s))
	var out []token
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out, true
		case html.TextToken:
			if bytes.IndexByte(z.Raw(), '<') >= 0 && !rawTextParent(out) {
				return nil, false
			}
			text := strings.Join(strings.Fields(string(z.Text())), " ")
			if text != "" {
				out = append(out, token{typ: tt, data: text})
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			t := token{typ: html.StartTagToken, data: string(name)}
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				val := string(v)
				if string(k) == "class" {
					classes := strings.Fields(val)
					slices.Sort(classes)
					val = strings.Join(classes, " ")
				}
				t.attrs = append(t.attrs, string(k)+"="+val)
			}
			slices.Sort(t.attrs)
			out = append(out, t)
			if tt == html.SelfClosingTagToken && !voidElements[t.data] {
				return nil, false // "<span/>" opens a span
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			out = append(out, token{typ: tt, data: string(name)})
		case html.CommentToken:
			out = append(out, token{typ: tt, data: string(z.Text())})
		default: // doctype
			return nil, false
		}
	}
}

// rawTextParent reports whether the last token opened an element whose
// text is not HTML (script, style, …), where "<" is just a character.
func rawTextParent(tokens []token) bool {
	if len(tokens) == 0 {
		return false
	}
	t := tokens[len(tokens)-1]
	return t.typ == html.StartTagToken && rawTextElements[t.data]
}

var voidElements = map[string]bool{
	"area": true, "base": true, "basefont": true, "bgsound": true, "br": true, "col": true,
	"embed": true, "frame": true, "hr": true, "img": true, "input": true, "keygen": true,
	"link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
}

var rawTextElements = map[string]bool{
	"style": true, "script": true, "xmp": true, "iframe": true, "noembed": true,
	"noframes": true, "plaintext": true, "noscript": true, "textarea": true, "title": true,
}

// writeNode writes n as the HTML fragment serialisation algorithm (innerHTML)
// does.
func writeNode(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		if p := n.Parent; p != nil && p.Type == html.ElementNode && p.Namespace == "" &&
			rawTextElements[p.Data] && p.Data != "textarea" && p.Data != "title" {
			b.WriteString(n.Data)
			return
		}
		b.WriteString(escapeText(n.Data))
	case html.CommentNode:
		b.WriteString("<!--" + n.Data + "-->")
	case html.DoctypeNode:
		b.WriteString("<!DOCTYPE " + n.Data + ">")
	case html.ElementNode:
		b.WriteString("<" + n.Data)
		for _, a := range n.Attr {
			b.WriteByte(' ')
			if a.Namespace != "" {
				b.WriteString(a.Namespace + ":")
			}
			b.WriteString(a.Key + `="` + escapeAttrValue(a.Val) + `"`)
		}
		b.WriteByte('>')
		if n.Namespace == "" && voidElements[n.Data] {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			writeNode(b, c)
		}
		b.WriteString("</" + n.Data + ">")
	}
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "\u00a0", "&nbsp;", "<", "&lt;", ">", "&gt;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "\u00a0", "&nbsp;", `"`, "&quot;", "<", "&lt;", ">", "&gt;")
)

func escapeText(s string) string      { return textEscaper.Replace(s) }
func escapeAttrValue(s string) string { return attrEscaper.Replace(s) }
