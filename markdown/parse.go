package markdown

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// Document is one Markdown file, parsed and rendered, ready to publish.
type Document struct {
	Title string // plain text, not HTML
	Slug  string
	// Status is "" when neither a status field nor a draft flag set it (the
	// caller picks its default); else publish, draft, pending, private or
	// future.
	Status     string
	Date       Date // zero when not given
	Categories []string
	Tags       []string
	// WholeTerms: a "/" in a category name is part of the name (Hugo's,
	// Jekyll's and Zola's terms: "CI/CD" is one term); else "Parent/Child"
	// is the child under the parent, wpsync's own rule (SiteRules.WholeTerms).
	WholeTerms bool
	// OtherTerms are the terms of the site's other taxonomies
	// (SiteRules.OtherTaxonomies) the file names, by taxonomy; a taxonomy
	// it names none of is not in it.
	OtherTerms map[string][]string
	Excerpt    string
	// Type is "" when not set in front matter (the caller defaults to
	// "post"); else as written: post, page, or a custom type's REST base.
	Type    string
	Content string // rendered body, in Format
	// Format is the form of Content: FormatBlocks or FormatClassic, from
	// the front matter's format field, else Options.Format, else
	// DefaultFormat.
	Format string

	Refs     []Ref    // the local files it refers to: pictures, other posts (refs.go)
	Warnings []string // what the author should know: unknown shortcodes, …
	// Leftovers are the source syntax of dialects no adapter ran, left in
	// what readers see (leftover.go); each is one of Warnings too.
	Leftovers []Leftover
	// Footnotes are the notes of WordPress's own footnotes (footnotes.go),
	// in the post meta "footnotes" (FootnotesMeta): set for the blocks
	// format where the editor has a Footnotes block, else nil.
	Footnotes  []Footnote
	Extra      // page and post fields beyond these (extra.go)
	PostFields // meta, custom taxonomies' terms, SEO fields (postfields.go)
	Origin     // where the values came from (site.go)
}

// Options set how ParseWith renders.
type Options struct {
	// Format is FormatBlocks, FormatClassic, or "" for DefaultFormat. A
	// file's format field overrides it.
	Format string
	// Markup is the block markup of the WordPress the post goes to; the
	// zero value is today's (markup.go).
	Markup Markup
	// ImageID, when set, gives the media library ID of an image URL (0 when
	// unknown), so that an Image block links to its attachment.
	ImageID func(url string) int
	// Resolve, when set, gives the address on the site of a local file a
	// link or image refers to (refs.go); ok false leaves it as written.
	Resolve func(ref Ref) (url string, ok bool)

	// Site is how the site's generator reads the file, and its dialect
	// (site.go); nil: the zero SiteRules.
	Site *SiteRules
	// Dir is the synced folder, where the files a template body names
	// (the Go blog's {{code "x.go"}}) are read; "" reads none.
	Dir string

	refs *refCollector
	// liquid is set when the site runs Liquid before the Markdown
	// (liquid.go, SiteRules.Liquid); page is the front matter Liquid and Hugo
	// shortcodes see.
	liquid *LiquidSite
	// eleventy is set when the site runs Eleventy's template language
	// before the Markdown (eleventy.go, SiteRules.Eleventy).
	eleventy *EleventySite
	// hexo is set for a Hexo site's file (SiteRules.Hexo, hexo.go).
	hexo  *HexoSite
	page  map[string]any
	title string // the front matter's title, which the body need not repeat
	// goTemplate is set for the Go blog's template: true bodies
	// (goblog.go, SiteRules.GoTemplate).
	goTemplate bool
	// obsidian is the note read when the file is in an Obsidian vault
	// (SiteRules.Obsidian, obsidian_links.go).
	obsidian *obsidianDoc
	// docusaurus is set for a Docusaurus site's file (SiteRules.Docusaurus,
	// docusaurus.go).
	docusaurus *docusaurusDoc
	// alerts are the quotes read as alerts (SiteRules.Alerts, alerts.go).
	alerts AlertSyntax
	// typographer and kramdown pick the parser of the dialect (render.go):
	// SiteRules.Typographer and Kramdown.
	typographer, kramdown bool
	// headingIDs are the ids the generator gives headings
	// (SiteRules.HeadingIDs, headingids.go).
	headingIDs HeadingIDs
	// shortcodes holds the HTML of the body's {{< >}} shortcodes until
	// the Markdown is rendered (shortcodeout.go); set by render.
	shortcodes *shortcodeOutputs
	// footnotes receives the notes of WordPress's footnotes (footnotes.go);
	// set by ParseWith.
	footnotes *footnoteSink
}

// Parse reads one file's bytes. path is the file's path relative to the
// synced folder, with forward slashes; it names the file in errors and gives
// the derived slug, title and date.
//
// Bad input is reported as *Error; a file of only whitespace as an error
// wrapping ErrEmpty.
//
// Missing values are derived:
//   - Title: the front matter title, else the text of a level-1 heading that
//     is the first block of the body (the heading is then removed from
//     Content), else the file name ("hello-world" → "Hello world").
//   - Slug: the front matter slug, else the file name without extension and
//     date prefix, or for x/index.md and x/_index.md the folder name x;
//     normalised like WordPress's sanitize_title either way.
//   - Date: the front matter date, else a "YYYY-MM-DD-" file name prefix
//     (a date without zone).
//   - Status: the status field, else "draft" for Hugo's draft: true or
//     Jekyll's published: false. An explicit status wins over both flags.
func Parse(path string, src []byte) (*Document, error) {
	return ParseWith(path, src, Options{})
}

// ParseWith is Parse with options.
func ParseWith(path string, src []byte, opts Options) (*Document, error) {
	if err := CheckFormat(opts.Format); err != nil {
		return nil, fmt.Errorf("markdown: %w", err)
	}
	src = bytes.TrimPrefix(src, []byte("\uFEFF")) // editors on Windows add a BOM
	if err := checkText(path, src); err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, fmt.Errorf("%s: %w", path, ErrEmpty)
	}
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}

	fm, body, err := splitFrontMatter(path, src)
	if err != nil {
		return nil, err
	}
	rules := opts.Site
	if rules == nil {
		rules = &SiteRules{}
	}
	opts.Site = rules
	f := fields{}
	if fm != nil {
		fm.lastKeyWins = rules.LastKeyWins
		if f, err = fm.decode(path); err != nil {
			return nil, err
		}
	}
	if rules.Eleventy != nil {
		eleventyTags(f, rules.Defaults) // eleventypaired.go
	}
	applyDefaults(f, rules.Defaults)
	if rules.Taxonomies && fm != nil {
		if err := liftTaxonomies(path, fm, f); err != nil {
			return nil, err
		}
	}
	doc, err := fromFields(path, f, rules)
	if err != nil {
		return nil, err
	}
	if err := readPostFields(path, fm, f, doc, rules); err != nil {
		return nil, err
	}
	if fm != nil && len(fm.warnings) > 0 {
		doc.Warnings = append(fm.warnings, doc.Warnings...)
	}
	doc.Warnings = append(doc.Warnings, fieldWarnings(f, rules.FieldWarnings)...)
	doc.fields, doc.HasFrontMatter = f, fm != nil
	doc.HasBody = len(bytes.TrimSpace(body)) > 0

	if doc.Format == "" {
		doc.Format = opts.Format
	}
	if doc.Format == "" {
		doc.Format = DefaultFormat
	}
	opts.Format = doc.Format
	opts.refs = newRefCollector(path, linesBefore(src, body), doc.excerptSeparator)
	opts.refs.bases = rules.BaseURLs
	opts.page = make(map[string]any, len(f))
	for _, e := range f {
		opts.page[e.key] = exported(e.val)
	}
	if e, ok := f["template"]; ok && e.val == true && rules.GoTemplate {
		opts.goTemplate = true
	}
	opts.typographer, opts.kramdown = rules.Typographer, rules.Kramdown
	opts.headingIDs = rules.HeadingIDs
	opts.alerts = rules.Alerts
	opts.liquid = rules.Liquid
	opts.eleventy = rules.Eleventy
	opts.hexo = rules.Hexo
	if rules.Obsidian != nil {
		opts.obsidian = &obsidianDoc{vault: rules.Obsidian, file: path, refs: opts.refs}
	}
	if rules.Docusaurus || rules.MDX {
		opts.docusaurus = newDocusaurusDoc(opts.refs)
		opts.docusaurus.mdxOnly = !rules.Docusaurus
		opts.docusaurus.frontMatter = opts.page
	}

	stem, nameDate := nameStem(withoutLang(path, rules.Lang), rules.NameDateSeps)
	if _, ok := opts.page["date"]; !ok && opts.liquid != nil && !nameDate.IsZero() {
		// Jekyll's page.date of a post without a date in its front matter
		// is the date of its file name, at midnight in the site's zone.
		opts.page["date"] = inZone(nameDate, opts.liquid.Zone).Time
	}
	opts.title = doc.Title
	opts.footnotes = &footnoteSink{path: path}
	title, content, err := render(body, doc.Title == "", opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	doc.Content = content
	doc.Footnotes = opts.footnotes.notes
	if rules.ExternalURL {
		externalURL(doc, f) // hugotheme.go
	}
	if opts.obsidian != nil {
		doc.Tags = opts.obsidian.withTags(doc.Tags) // obsidian_syntax.go
	}
	doc.Refs = append(doc.Refs, opts.refs.refs...)
	doc.Leftovers = Leftovers(content, body, linesBefore(src, body)) // leftover.go
	if opts.liquid != nil {
		liquidLeftovers(doc.Leftovers, opts.refs.liquidFailed) // liquidlax.go
	}
	doc.Warnings = append(doc.Warnings, withLeftovers(opts.refs.warnings, doc.Leftovers)...)
	if doc.Title == "" {
		doc.Title = title
	}
	if doc.Title == "" {
		doc.Title = titleFromStem(stem)
	}
	if doc.Slug == "" {
		doc.Slug = slugify(stem)
	}
	if doc.Date.IsZero() {
		doc.Date = nameDate
	}
	doc.NoDate = doc.Date.IsZero()
	doc.Date = inZone(doc.Date, rules.Zone)
	return doc, nil
}

// fromFields fills a Document from front matter, checking every field, as
// the site's generator reads them.
func fromFields(path string, f fields, rules *SiteRules) (*Document, error) {
	dates := rules.dates()
	r := &fieldReader{path: path, fields: f, rollDates: rules.RollDates}
	doc := &Document{}
	defer func() { doc.Warnings = append(doc.Warnings, r.rolled...) }()
	var err error
	if doc.Title, err = r.text("title"); err != nil {
		return nil, err
	}
	var slug string
	if slug, err = r.text("slug"); err != nil {
		return nil, err
	}
	if slug != "" {
		if doc.Slug = slugify(slug); doc.Slug == "" {
			return nil, r.errorf(f["slug"], "use letters, digits and dashes", "%q has no letters or digits", slug)
		}
	}
	// The generator's date keys, in its order (DateKeys).
	if doc.Date, _, err = r.firstDate(dates.Date); err != nil {
		return nil, err
	}
	if doc.Expiry, doc.ExpiryKey, err = r.firstDate(dates.Expiry); err != nil {
		return nil, err
	}
	if _, _, err = r.firstDate(dates.Lastmod); err != nil {
		return nil, err
	}
	if doc.Status, err = r.status(); err != nil {
		return nil, err
	}
	// Check both flags even when status is set, so a typo is still reported.
	draft, _, err := r.boolean("draft")
	if err != nil {
		return nil, err
	}
	var published, publishedSet bool
	if dates.PublishedFlag {
		if published, publishedSet, err = r.boolean("published"); err != nil {
			return nil, err
		}
	}
	if doc.Status == "" && (draft || publishedSet && !published) {
		doc.Status = "draft"
	}
	if rules.CategoryPaths {
		doc.Categories, err = hexoCategories(r) // hexo.go
	} else {
		doc.Categories, err = r.terms("categories", "category", rules.SplitWords)
	}
	if err != nil {
		return nil, err
	}
	if doc.Tags, err = r.terms("tags", "tag", rules.SplitWords); err != nil {
		return nil, err
	}
	doc.Tags = withoutCollections(doc.Tags, rules.CollectionTags) // eleventy.go
	doc.WholeTerms = rules.WholeTerms
	for _, tax := range rules.OtherTaxonomies {
		names, err := r.list(tax, splitCommas)
		if err != nil {
			return nil, err
		}
		if len(names) > 0 {
			if doc.OtherTerms == nil {
				doc.OtherTerms = map[string][]string{}
			}
			doc.OtherTerms[tax] = names
		}
	}
	if doc.Excerpt, err = r.text("excerpt", "description", "summary"); err != nil {
		return nil, err
	}
	if doc.Type, err = r.text("type"); err != nil {
		return nil, err
	}
	if doc.Format, err = r.format(); err != nil {
		return nil, err
	}
	if err := readExtra(r, doc, path, rules); err != nil {
		return nil, err
	}
	return doc, nil
}

// fieldWarnings are the site's warnings about fields the file has (SiteRules.FieldWarnings),
// each at its field's line, in the order of the keys.
func fieldWarnings(f fields, warns map[string]string) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(warns)) {
		e, ok := f[strings.ToLower(k)]
		switch {
		case !ok:
		case e.line > 0:
			out = append(out, fmt.Sprintf("line %d: %s", e.line, warns[k]))
		default:
			out = append(out, warns[k])
		}
	}
	return out
}

// firstDate returns the first of keys present with a date, and its key
// as written;
// every key present is checked, so that a bad date is reported even when
// an earlier key gave the date.
func (r *fieldReader) firstDate(keys []string) (Date, string, error) {
	var first Date
	var key string
	for _, k := range keys {
		d, err := r.date(k)
		if err != nil {
			return Date{}, "", err
		}
		if first.IsZero() && !d.IsZero() {
			first, key = d, r.fields[k].key
		}
	}
	return first, key, nil
}

// terms merges the plural and singular keys (Jekyll reads both), dropping
// repeats. Only the plural key given as one string is split: on commas
// ("tags: garden, tomatoes", as WordPress's tag box does), and with words
// (SiteRules.SplitWords) without commas on whitespace, Jekyll's rule
// ("categories: a b" is two categories, "category: a b" is one).
func (r *fieldReader) terms(plural, singular string, words bool) ([]string, error) {
	split := splitCommas
	if words {
		split = splitWords
	}
	many, err := r.list(plural, split)
	if err != nil {
		return nil, err
	}
	one, err := r.list(singular, splitNone)
	if err != nil {
		return nil, err
	}
	var out []string
	seen := map[string]bool{}
	for _, t := range append(many, one...) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out, nil
}

// checkText rejects files that are not UTF-8 text, such as images or
// UTF-16 files saved with a .md name.
func checkText(path string, src []byte) error {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return &Error{Path: path, Line: lineAt(src, i), Msg: "not a text file: it contains a NUL byte",
			Hint: "save it as UTF-8 text, or move it out of the synced folder"}
	}
	if !utf8.Valid(src) {
		i := 0
		for i < len(src) {
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		col := i - bytes.LastIndexByte(src[:i], '\n') // 1-based, in bytes
		return &Error{Path: path, Line: lineAt(src, i), Msg: fmt.Sprintf("not a text file: invalid UTF-8 in column %d", col),
			Hint: "save it as UTF-8 text"}
	}
	return nil
}
