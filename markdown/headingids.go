package markdown

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Heading ids as the generator gives them
//
// Hugo (goldmark's autoHeadingID), Jekyll (kramdown's auto_ids), Zola,
// Hexo (hexo-renderer-marked's headerIds), Astro (rehypeHeadingIds) and
// Docusaurus (its remark headings plugin) give every heading an id made
// from its text, so that a link "other-post#setup" or "#setup" reaches
// the heading. wpsync gives the headings of such a site the same ids,
// with the generator's own algorithm and its suffixes for repeated
// headings; an explicit {#id} wins. The block writer keeps an id as the Heading block's HTML anchor.

// HeadingIDStyle names a generator's algorithm for heading ids.
type HeadingIDStyle string

const (
	// IDsGitHub is Hugo's default (autoHeadingIDType = "github"): the
	// heading's source line lower-cased, letters, digits and "_" kept,
	// spaces and "-" as "-", the rest dropped (markup/goldmark/autoid.go).
	IDsGitHub HeadingIDStyle = "github"
	// IDsGitHubASCII is Hugo's "github-ascii": the same after accents are
	// removed, and with every other non-ASCII character dropped.
	IDsGitHubASCII HeadingIDStyle = "github-ascii"
	// IDsBlackfriday is Hugo's "blackfriday": runs of letters and digits,
	// lower-cased, joined by single "-".
	IDsBlackfriday HeadingIDStyle = "blackfriday"
	// IDsKramdownGFM is Jekyll's default, kramdown with input: GFM
	// (kramdown-parser-gfm's generate_gfm_header_id): the heading's text
	// without markup, lower-cased, every character that is not a word
	// character (letter, mark, digit, "_"), "-", space or tab dropped,
	// spaces and tabs as "-".
	IDsKramdownGFM HeadingIDStyle = "kramdown-gfm"
	// IDsKramdown is kramdown with input: kramdown (its converter's
	// generate_id): the heading's source text, leading characters up to
	// the first ASCII letter dropped, then all but ASCII letters, digits,
	// spaces and "-", spaces as "-", lower-cased; "section" when nothing
	// is left. IDsKramdownStripped is the same over the text without
	// markup (auto_id_stripping: true).
	IDsKramdown         HeadingIDStyle = "kramdown"
	IDsKramdownStripped HeadingIDStyle = "kramdown-stripped"
	// IDsZola is Zola's default (slugify.anchors = "on"): the heading's
	// text made a slug by the slug crate: ASCII letters and digits
	// lower-cased, every other run of characters one "-", none at the
	// ends; accented letters lose their accents. IDsZolaSafe is "safe" and
	// "off": the text as it is, ASCII whitespace as "_".
	IDsZola     HeadingIDStyle = "zola"
	IDsZolaSafe HeadingIDStyle = "zola-safe"
	// IDsHexo is hexo-renderer-marked's (headerIds: true, its default):
	// the heading's text without markup (after smartypants) made a slug
	// by hexo-util's slugize: accents removed, every run of spaces,
	// control characters and ASCII punctuation one "-", none at the ends,
	// the case kept. IDsHexoLower and IDsHexoUpper are modifyAnchors: 1
	// and 2, the slug lower- and upper-cased.
	IDsHexo      HeadingIDStyle = "hexo"
	IDsHexoLower HeadingIDStyle = "hexo-lower"
	IDsHexoUpper HeadingIDStyle = "hexo-upper"
	// IDsGitHubSlugger is github-slugger's, as Docusaurus's remark
	// plugin uses it: the heading's text without markup lower-cased,
	// punctuation, symbols, controls and separators other than " " and
	// "-" dropped (letters, marks, digits and "_" kept), each " " a "-".
	IDsGitHubSlugger HeadingIDStyle = "github-slugger"
	// IDsAstro is Astro's rehypeHeadingIds: github-slugger's id of the
	// text (no-break spaces as spaces), then leading, trailing and
	// repeated "-" dropped.
	IDsAstro HeadingIDStyle = "astro"
)

// HeadingIDs says how a site's generator gives a heading without an
// explicit {#id} its id. The zero value gives none (an Obsidian vault, or a
// site whose configuration turns the generator's ids off).
type HeadingIDs struct {
	Style HeadingIDStyle
	// Prefix goes before every id made (kramdown's auto_id_prefix).
	Prefix string
}

// headingIDsExplicitKey holds, for a Docusaurus file, the function that
// gives a heading its explicit {#id} (docusaurus.go): the generator takes
// it as it is, and counts no repeat of it.
var headingIDsExplicitKey = parser.NewContextKey()

// headingIDsKey holds the HeadingIDs of the document being parsed.
var headingIDsKey = parser.NewContextKey()

// headingIDTransformer gives the headings of a document the ids of its
// generator (HeadingIDs, set in the parse's context by parseDoc). It runs
// before kramdown's table of contents (tocTransformer), which links to
// the ids.
type headingIDTransformer struct{}

func (headingIDTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	ids, _ := pc.Get(headingIDsKey).(HeadingIDs)
	if ids.Style == "" {
		return
	}
	src := reader.Source()
	var heads []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			heads = append(heads, h)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	g := idGenerator{style: ids.Style, used: map[string]int{}}
	if g.style == IDsZola || g.style == IDsZolaSafe {
		// Zola takes the explicit ids first: a made id steps around
		// one given further down too.
		for _, h := range heads {
			if id, ok := attrString(h, "id"); ok {
				g.used[id] = 0
			}
		}
	}
	explicit, _ := pc.Get(headingIDsExplicitKey).(func(*ast.Heading) (string, bool))
	for _, h := range heads {
		if explicit != nil {
			if id, ok := explicit(h); ok {
				h.SetAttributeString("id", []byte(id))
			}
		}
		if id, ok := attrString(h, "id"); ok {
			if g.style == IDsGitHub || g.style == IDsGitHubASCII || g.style == IDsBlackfriday {
				g.used[id] = 0 // goldmark's IDs.Put
			}
			continue
		}
		if id := g.next(headingIDText(h, src, g.style)); id != "" {
			// hexo-renderer-marked and Astro give a heading without
			// words an empty id, which no link can name: none here.
			h.SetAttributeString("id", []byte(ids.Prefix+id))
		}
	}
}

// attrString returns a node's attribute as a string.
func attrString(n ast.Node, name string) (string, bool) {
	v, ok := n.AttributeString(name)
	if !ok {
		return "", false
	}
	switch v := v.(type) {
	case []byte:
		return string(v), true
	case string:
		return v, true
	}
	return "", false
}

// shortcodeToken matches the tokens standing for {{< >}} outputs
// (shortcodeout.go): no part of the heading's words.
var shortcodeToken = regexp.MustCompile(scTokenPrefix + `\d+` + scTokenSuffix)

// headingIDText is the text an id is made from: for goldmark (Hugo) and
// kramdown's own input, the heading's source (goldmark's last line, with
// no {#id}); for the others its text without markup.
func headingIDText(h *ast.Heading, src []byte, style HeadingIDStyle) string {
	var s string
	switch style {
	case IDsGitHub, IDsGitHubASCII, IDsBlackfriday:
		if n := h.Lines().Len(); n > 0 {
			line := h.Lines().At(n - 1)
			s = string(line.Value(src))
		}
	case IDsKramdown:
		var parts []string
		for i := 0; i < h.Lines().Len(); i++ {
			line := h.Lines().At(i)
			parts = append(parts, strings.TrimSpace(string(line.Value(src))))
		}
		s = strings.Join(parts, " ")
	default:
		s = plainText(h, src)
	}
	return shortcodeToken.ReplaceAllString(s, "")
}

// idGenerator makes the ids of one document, numbering repeats as the
// style's generator does.
type idGenerator struct {
	style HeadingIDStyle
	used  map[string]int // id → how many repeats were numbered
}

func (g *idGenerator) next(text string) string {
	switch g.style {
	case IDsGitHub, IDsGitHubASCII, IDsBlackfriday:
		id := goldmarkID(text, g.style)
		if id == "" {
			id = "heading"
		}
		// Hugo's idFactory: "-1", "-2", … the first not taken.
		return g.firstFree(id)
	case IDsKramdownGFM:
		// A counter per id made, as generate_gfm_header_id keeps it.
		id := gfmID(text)
		n, seen := g.used[id]
		if !seen {
			g.used[id] = 0
			return id
		}
		g.used[id] = n + 1
		return id + "-" + strconv.Itoa(n+1)
	case IDsHexo, IDsHexoLower, IDsHexoUpper:
		// hexo-renderer-marked's _headingId: a count per slug made.
		id := hexoSlug(text)
		switch g.style {
		case IDsHexoLower:
			id = strings.ToLower(id)
		case IDsHexoUpper:
			id = strings.ToUpper(id)
		}
		n, seen := g.used[id]
		if !seen {
			g.used[id] = 0
			return id
		}
		g.used[id] = n + 1
		return id + "-" + strconv.Itoa(n+1)
	case IDsGitHubSlugger, IDsAstro:
		if g.style == IDsAstro {
			text = strings.NewReplacer("\u00a0", " ", "\u2007", " ", "\u202f", " ").Replace(text)
		}
		// github-slugger's occurrences: "-1", "-2", … the first not taken.
		base := githubSlug(text)
		id := base
		for {
			if _, taken := g.used[id]; !taken {
				break
			}
			g.used[base]++
			id = base + "-" + strconv.Itoa(g.used[base])
		}
		g.used[id] = 0
		if g.style == IDsAstro {
			id = squeezeHyphens(id)
		}
		return id
	case IDsKramdown, IDsKramdownStripped:
		id := kramdownBasicID(text)
		if id == "" {
			id = "section"
		}
		n, seen := g.used[id]
		if !seen {
			g.used[id] = 0
			return id
		}
		g.used[id] = n + 1
		return id + "-" + strconv.Itoa(n+1)
	default: // Zola's find_anchor: the first of id, id-1, id-2, … not taken
		var id string
		if g.style == IDsZola {
			id = zolaSlug(text)
		} else {
			id = strings.Map(func(r rune) rune {
				if r < unicode.MaxASCII && unicode.IsSpace(r) {
					return '_'
				}
				return r
			}, text)
		}
		return g.firstFree(id)
	}
}

// withoutAccents decomposes s and drops the combining marks (Hugo's
// text.RemoveAccents).
func withoutAccents(s string) string {
	out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		return s
	}
	return out
}

// goldmarkID is Hugo's sanitizeAnchorName, without the empty and repeat
// handling.
func goldmarkID(s string, style HeadingIDStyle) string {
	var b strings.Builder
	if style == IDsBlackfriday {
		dash := false
		for _, r := range s {
			if unicode.IsLetter(r) || unicode.IsNumber(r) {
				if dash && b.Len() > 0 {
					b.WriteByte('-')
				}
				dash = false
				b.WriteRune(unicode.ToLower(r))
			} else {
				dash = true
			}
		}
		return b.String()
	}
	ascii := style == IDsGitHubASCII
	if ascii {
		s = withoutAccents(s)
	}
	for _, r := range s {
		switch {
		case ascii && r >= 0x80:
		case r == '-' || r == ' ' || r == '\t':
			b.WriteByte('-')
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// gfmID is kramdown-parser-gfm's id of a heading's text, before the
// repeat's number.
func gfmID(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == ' ' || r == '\t':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsMark(r) || unicode.Is(unicode.Nd, r) || unicode.Is(unicode.Pc, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// kramdownBasicID is kramdown's basic_generate_id.
func kramdownBasicID(s string) string {
	isLetter := func(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }
	s = strings.TrimLeftFunc(s, func(r rune) bool { return !isLetter(r) })
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || isLetter(r) || (r >= '0' && r <= '9'):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// zolaSlug is the slug crate's slugify as far as it goes without
// deunicode's tables: accents are removed and a few letters spelled out;
// any other non-ASCII character separates words, as deunicode's "-" for a
// character it does not know does.
func zolaSlug(s string) string {
	s = strings.NewReplacer("ß", "ss", "æ", "ae", "Æ", "AE", "œ", "oe", "Œ", "OE", "ø", "o", "Ø", "O",
		"đ", "d", "Đ", "D", "ł", "l", "Ł", "L", "þ", "th", "Þ", "Th", "ð", "d", "Ð", "D").Replace(withoutAccents(s))
	var b strings.Builder
	dash := true // no "-" first
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r - 'A' + 'a')
			dash = false
		default:
			if !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// firstFree takes id, or the first of id-1, id-2, … not taken yet (Hugo's
// idFactory, and the generators that number repeats as it does).
func (g *idGenerator) firstFree(id string) string {
	if _, taken := g.used[id]; taken {
		for i := 1; ; i++ {
			if _, taken := g.used[id+"-"+strconv.Itoa(i)]; !taken {
				id += "-" + strconv.Itoa(i)
				break
			}
		}
	}
	g.used[id] = 0
	return id
}
