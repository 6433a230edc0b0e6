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
	if plainHTML(s) {
		return s // what the parser below would make of it, without parsing
	}
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

// plainHTML reports whether s is HTML that the browser's parser reads just
// as it is written, so that htmlContent would return it unchanged: text,
// comments and well-nested elements of plainElements, each where the parser
// leaves it (no block inside a <p>, <li> only right inside a list, no link
// inside a link, no heading right inside a heading, no newline right after
// <pre>), attributes quoted or plain and not repeated. It is a fast path:
// false only means that s has to be parsed.
func plainHTML(s string) bool {
	if strings.IndexByte(s, 0) >= 0 || strings.IndexByte(s, '\r') >= 0 {
		return false // the parser drops or rewrites these
	}
	open := make([]uint8, 0, 32) // indexes in plainElementNames
	paragraphs, links := 0, 0    // <p> and <a> among them
	for i := 0; ; {
		lt := strings.IndexByte(s[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		rest := s[i+1:]
		switch {
		case strings.HasPrefix(rest, "!--"):
			n := plainComment(rest)
			if n < 0 {
				return false
			}
			i += 1 + n
			continue
		case strings.HasPrefix(rest, "/"):
			el, n := plainTagName(rest[1:])
			if n == 0 || 1+n >= len(rest) || rest[1+n] != '>' ||
				len(open) == 0 || open[len(open)-1] != el {
				return false
			}
			open = open[:len(open)-1]
			switch plainElementNames[el] {
			case "p":
				paragraphs--
			case "a":
				links--
			}
			i += 1 + 1 + n + 1
			continue
		}
		el, n := plainTagName(rest)
		if n == 0 {
			return false // a "<" that starts no tag, or an element not followed here
		}
		end, selfClosing := plainAttrs(rest[n:])
		if end < 0 {
			return false
		}
		i += 1 + n + end
		name, kind := plainElementNames[el], plainElements[el]
		switch {
		case kind&peClosesP != 0 && paragraphs > 0,
			kind&peHeading != 0 && len(open) > 0 && plainElements[open[len(open)-1]]&peHeading != 0,
			kind&peListItem != 0 && (len(open) == 0 || plainElements[open[len(open)-1]]&peList == 0),
			kind&pePre != 0 && strings.HasPrefix(s[i:], "\n"),
			name == "a" && links > 0,
			selfClosing && kind&peVoid == 0:
			return false
		case kind&peVoid != 0:
			continue
		}
		switch name {
		case "p":
			paragraphs++
		case "a":
			links++
		}
		open = append(open, el)
	}
	return len(open) == 0
}

// Kinds of plainElements: how the HTML parser treats their start tags.
const (
	peVoid     = 1 << iota // no content, no end tag
	peClosesP              // closes an open <p>
	peHeading              // closes a heading that is the current element
	peList                 // <ul>, <ol>
	peListItem             // closes an open <li> unless right inside a list
	pePre                  // drops a newline right after the start tag
)

// plainElementNames are the elements plainHTML follows, plainElements their
// kinds; elements the parser treats as "any other start tag" (and the
// formatting elements, whose end tags are simple when well nested) have
// none.
var (
	plainElementNames = []string{
		"a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
		"mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
		"br", "img", "input", "wbr", "hr",
		"address", "article", "aside", "blockquote", "center", "details", "div", "figcaption", "figure",
		"footer", "header", "main", "nav", "p", "section", "summary",
		"h1", "h2", "h3", "h4", "h5", "h6", "ol", "ul", "li", "pre",
	}
	plainElements   = make([]uint8, len(plainElementNames))
	plainElementSet = newNameSet(plainElementNames...)
)

func init() {
	for i, name := range plainElementNames {
		switch name {
		case "br", "img", "input", "wbr":
			plainElements[i] = peVoid
		case "hr":
			plainElements[i] = peVoid | peClosesP
		case "address", "article", "aside", "blockquote", "center", "details", "div", "figcaption", "figure",
			"footer", "header", "main", "nav", "p", "section", "summary":
			plainElements[i] = peClosesP
		case "h1", "h2", "h3", "h4", "h5", "h6":
			plainElements[i] = peClosesP | peHeading
		case "ol", "ul":
			plainElements[i] = peClosesP | peList
		case "li":
			plainElements[i] = peClosesP | peListItem
		case "pre":
			plainElements[i] = peClosesP | pePre
		}
	}
}

// plainComment returns the length of the comment at the start of s (after
// its "<"), -1 unless its text is one the tokenizer cannot read otherwise:
// no "--" in it, not starting with ">" or "->", not ending with "-".
func plainComment(s string) int {
	end := strings.Index(s[3:], "-->")
	if end < 0 {
		return -1
	}
	data := s[3 : 3+end]
	if strings.HasPrefix(data, ">") || strings.HasPrefix(data, "->") || strings.HasSuffix(data, "-") || strings.Contains(data, "--") {
		return -1
	}
	return 3 + end + 3
}

// plainTagName reads the tag name at the start of s: the element's index
// in plainElementNames and the name's length, 0 when it is none of them.
func plainTagName(s string) (uint8, int) {
	var name [10]byte
	n := 0
	for n < len(s) && (isASCIILetter(s[n]) || n > 0 && isASCIIDigit(s[n])) {
		if n == len(name) {
			return 0, 0
		}
		name[n] = s[n] | 0x20 // lower case; digits have the bit
		n++
	}
	el, ok := plainElementSet.index(name[:n])
	if !ok || n == len(s) || !(isHTMLSpace(s[n]) || s[n] == '>' || s[n] == '/') {
		return 0, 0
	}
	return uint8(el), n
}

// plainAttrs reads the attributes after a tag name up to the tag's end and
// returns its length (-1 when they are not plain) and whether "/>" ends it.
func plainAttrs(s string) (int, bool) {
	var names [8]string
	count := 0
	for i := 0; ; {
		j := i
		for j < len(s) && isHTMLSpace(s[j]) {
			j++
		}
		switch {
		case j == len(s):
			return -1, false
		case s[j] == '>':
			return j + 1, false
		case strings.HasPrefix(s[j:], "/>"):
			return j + 2, true
		case j == i || count == len(names) || !(isASCIILetter(s[j]) || s[j] == '_' || s[j] == ':'):
			return -1, false
		}
		k := j
		for k < len(s) && (isASCIILetter(s[k]) || isASCIIDigit(s[k]) || strings.IndexByte("_:.-", s[k]) >= 0) {
			k++
		}
		for _, seen := range names[:count] {
			if strings.EqualFold(seen, s[j:k]) {
				return -1, false // the parser keeps only the first
			}
		}
		names[count] = s[j:k]
		count++
		i = k
		for k < len(s) && isHTMLSpace(s[k]) {
			k++
		}
		if k == len(s) || s[k] != '=' {
			continue
		}
		for k++; k < len(s) && isHTMLSpace(s[k]); k++ {
		}
		switch {
		case k == len(s):
			return -1, false
		case s[k] == '"' || s[k] == '\'':
			end := strings.IndexByte(s[k+1:], s[k])
			if end < 0 {
				return -1, false
			}
			i = k + 1 + end + 1
		default:
			v := k
			for k < len(s) && !isHTMLSpace(s[k]) && strings.IndexByte("\"'=<>`/", s[k]) < 0 {
				k++
			}
			if k == v || k < len(s) && s[k] == '/' {
				return -1, false // the tokenizer reads a "/" into the value
			}
			i = k
		}
	}
}

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' }

// htmlDepth returns how many more elements s opens than it closes.
func htmlDepth(s string) int {
	if depth, ok := plainDepth(s); ok {
		return depth
	}
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

// plainDepth is htmlDepth without a tokenizer for HTML made of text,
// comments and tags as plainHTML reads them (nesting aside); ok is false for
// anything else.
func plainDepth(s string) (depth int, ok bool) {
	if strings.IndexByte(s, 0) >= 0 || strings.IndexByte(s, '\r') >= 0 {
		return 0, false
	}
	for i := 0; ; {
		lt := strings.IndexByte(s[i:], '<')
		if lt < 0 {
			return depth, true
		}
		i += lt
		rest := s[i+1:]
		switch {
		case strings.HasPrefix(rest, "!--"):
			n := plainComment(rest)
			if n < 0 {
				return 0, false
			}
			i += 1 + n
		case strings.HasPrefix(rest, "/"):
			_, n := plainTagName(rest[1:])
			if n == 0 || 1+n >= len(rest) || rest[1+n] != '>' {
				return 0, false
			}
			depth--
			i += 1 + 1 + n + 1
		default:
			el, n := plainTagName(rest)
			if n == 0 {
				return 0, false
			}
			end, selfClosing := plainAttrs(rest[n:])
			if end < 0 {
				return 0, false
			}
			if !selfClosing && plainElements[el]&peVoid == 0 {
				depth++
			}
			i += 1 + n + end
		}
	}
}

// plainTag reports whether raw is one tag that normalizeTags leaves as it
// is, so that it need not run: an end tag "</name>", or a start tag whose
// name and attribute names are lower case, each attribute after one space
// and in double quotes, with a value holding nothing to escape, no
// attribute twice, and no "/" before the ">".
func plainTag(raw []byte) bool {
	s, ok := bytes.CutPrefix(raw, []byte("<"))
	if !ok {
		return false
	}
	end, ok := bytes.CutPrefix(s, []byte("/"))
	name := func(s []byte, more string) int {
		n := 0
		for n < len(s) && ('a' <= s[n] && s[n] <= 'z' || n > 0 && (isASCIIDigit(s[n]) || strings.IndexByte(more, s[n]) >= 0)) {
			n++
		}
		return n
	}
	if ok {
		n := name(end, "")
		return n > 0 && string(end[n:]) == ">"
	}
	n := name(s, "")
	if n == 0 {
		return false
	}
	var keys [8][]byte
	count := 0
	for s = s[n:]; ; {
		switch {
		case string(s) == ">":
			return true
		case count == len(keys) || len(s) < 2 || s[0] != ' ':
			return false
		}
		k := name(s[1:], "-_:.")
		key := s[1 : 1+k]
		rest, ok := bytes.CutPrefix(s[1+k:], []byte(`="`))
		if k == 0 || !ok {
			return false
		}
		q := bytes.IndexByte(rest, '"')
		if q < 0 {
			return false
		}
		for _, c := range rest[:q] {
			if c < ' ' || c == '&' || c == '<' || c == '>' || c == 0xc2 { // 0xC2: maybe a no-break space
				return false
			}
		}
		for _, seen := range keys[:count] {
			if bytes.Equal(seen, key) {
				return false
			}
		}
		keys[count] = key
		count++
		s = rest[q+1:]
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
