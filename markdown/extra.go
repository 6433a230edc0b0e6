package markdown

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Extra holds what a file says beyond the basic post fields: where a page
// goes in the tree, how WordPress shows it, who wrote it. Empty values mean
// "not given": the caller leaves WordPress's own value alone.
type Extra struct {
	// Parent is the parent page as written: a slug ("about") or a path
	// relative to the file ("../about.md", "docs/_index.md"). "" when the
	// file names none; the caller may then take it from the folder layout.
	Parent string
	// MenuOrder orders sibling pages: menu_order, else Hugo's weight.
	MenuOrder int
	// Template is the page template file, e.g. "templates/full-width.php",
	// and the line it is on. Only a value that can be a WordPress template
	// is kept (pageTemplate); the caller still checks that the site has it.
	Template string
	// Sticky is nil when not given.
	Sticky *bool
	// CommentStatus and PingStatus are "open", "closed" or "".
	CommentStatus string
	PingStatus    string
	// PostFormat is WordPress's post format (aside, gallery, link, image,
	// quote, status, video, audio, chat, standard), from post_format or
	// from format when its value is one of these.
	PostFormat string
	// Author is a login name (or the user's slug or display name), to be
	// looked up on the site.
	Author string
	// Password protects the post.
	Password string

	// excerptSeparator is Jekyll's excerpt_separator: its first occurrence
	// in the body becomes <!--more-->.
	excerptSeparator string
}

// postFormats are WordPress's post formats.
var postFormats = []string{"standard", "aside", "chat", "gallery", "link", "image", "quote", "status", "video", "audio"}

// isPostFormat reports whether s names a WordPress post format.
func isPostFormat(s string) bool {
	for _, f := range postFormats {
		if strings.EqualFold(s, f) {
			return true
		}
	}
	return false
}

// featuredKeys are the front matter keys themes use for a post's picture,
// in the order they are looked at. Keys are lower-cased (featureImage).
var featuredKeys = []string{"featured_image", "featured-image", "featuredimage", "feature_image", "featureimage", "image", "cover", "images", "thumbnail", "header"}

// readExtra fills doc.Extra and the featured image reference, and applies
// what the site's adapter says of the file's type and status when its front
// matter says nothing (SiteRules: Page, PageLayouts, Draft).
func readExtra(r *fieldReader, doc *Document, file string, rules *SiteRules) error {
	x := &doc.Extra
	var err error
	if x.Parent, err = r.text("parent"); err != nil {
		return err
	}
	if x.MenuOrder, _, err = r.integer("menu_order", "weight"); err != nil {
		return err
	}
	x.Template, doc.TemplateLine = r.pageTemplate(doc)
	if b, set, err := r.boolean("sticky"); err != nil {
		return err
	} else if set {
		x.Sticky = &b
	}
	if x.CommentStatus, err = r.openClosed("comment_status", "comments"); err != nil {
		return err
	}
	if x.PingStatus, err = r.openClosed("ping_status", ""); err != nil {
		return err
	}
	if x.PostFormat, err = r.text("post_format"); err != nil {
		return err
	}
	if x.PostFormat == "" {
		if f, _ := r.text("format"); isPostFormat(f) {
			x.PostFormat = f
		}
	}
	if x.PostFormat != "" {
		if !isPostFormat(x.PostFormat) {
			e := r.fields["post_format"]
			return r.errorf(e, "want one of "+strings.Join(postFormats, ", "), "unknown post format %q", x.PostFormat)
		}
		x.PostFormat = strings.ToLower(x.PostFormat)
	}
	authorKeys := []string{"author", "authors"}
	if rules.Docusaurus {
		// Docusaurus's authors are keys of its authors.yml, which the
		// adapter reads into author (site/docusaurus.go).
		authorKeys = authorKeys[:1]
	}
	if x.Author, err = r.firstText(authorKeys...); err != nil {
		return err
	}
	if x.Password, err = r.text("password"); err != nil {
		return err
	}
	if x.excerptSeparator, err = r.text("excerpt_separator"); err != nil {
		return err
	}

	// post_type wins over type, which Hugo also uses to pick a layout.
	if doc.Type != "" {
		doc.TypeKey, doc.TypeLine = "type", r.fields["type"].line
	}
	if pt, err := r.text("post_type"); err != nil {
		return err
	} else if pt != "" {
		doc.Type, doc.TypeKey, doc.TypeLine = pt, "post_type", r.fields["post_type"].line
	}
	if doc.Type == "" {
		doc.Type = rules.Page
	}
	if doc.Type == "" && len(rules.PageLayouts) > 0 {
		layout, _ := r.text("layout")
		for _, l := range rules.PageLayouts {
			if strings.EqualFold(layout, l) {
				doc.Type = "page"
			}
		}
	}
	if doc.Status == "" && rules.Draft {
		doc.Status = "draft"
	}
	named, err := r.featured(doc, file, rules.FeaturedKeys)
	if err != nil || named || rules.BundleImage == "" {
		return err
	}
	// Themes show the bundle's picture when the front matter names none
	// (Hugo's opengraph template, Congo's and Blowfish's heroes).
	ref, _ := localRef(file, RefFeatured, rules.BundleImage)
	doc.Refs = append(doc.Refs, ref)
	return nil
}

// integer returns the first of keys holding a whole number.
func (r *fieldReader) integer(keys ...string) (int, bool, error) {
	for _, k := range keys {
		e, ok := r.fields[k]
		if !ok || e.val == nil {
			continue
		}
		s, ok := scalarText(e.val)
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if !ok || err != nil {
			return 0, false, r.errorf(e, "write a whole number, like 3", "want a whole number, got %s", describe(e.val))
		}
		return n, true, nil
	}
	return 0, false, nil
}

// openClosed reads a comment or ping status: open or closed, or, for the
// boolean key (Jekyll's comments: false), true or false.
func (r *fieldReader) openClosed(key, boolKey string) (string, error) {
	s, err := r.text(key)
	if err != nil {
		return "", err
	}
	switch strings.ToLower(s) {
	case "open", "closed":
		return strings.ToLower(s), nil
	case "":
	default:
		return "", r.errorf(r.fields[key], "want open or closed", "unknown value %q", s)
	}
	if boolKey == "" {
		return "", nil
	}
	b, set, err := r.boolean(boolKey)
	if err != nil || !set {
		return "", err
	}
	if b {
		return "open", nil
	}
	return "closed", nil
}

// firstText reads a single value, or the first item of a list (Hugo's
// authors: [a, b]).
func (r *fieldReader) firstText(keys ...string) (string, error) {
	for _, k := range keys {
		items, err := r.list(k, splitNone)
		if err != nil {
			return "", err
		}
		if len(items) > 0 {
			return items[0], nil
		}
	}
	return "", nil
}

// featured adds the featured image, when the front matter names one, to
// doc.Refs. Themes name it in many ways: a path (featured_image: x.png),
// a list of pictures (Hugo's images: [x.png]), or a mapping (PaperMod's
// cover: {image: x.png, alt: …}, Minimal Mistakes' header: {teaser: x.png}).
// named reports whether the front matter names one, even one that is not
// set (an address elsewhere): a picture named so wins over a bundle's.
// own are the generator's keys (SiteRules.FeaturedKeys), read first.
func (r *fieldReader) featured(doc *Document, file string, own []string) (named bool, err error) {
	keys := make([]string, 0, len(own)+len(featuredKeys))
	for _, k := range own {
		keys = append(keys, strings.ToLower(k))
	}
	for _, k := range append(keys, featuredKeys...) {
		e, ok := r.fields[k]
		if !ok || e.val == nil {
			continue
		}
		var dest, alt string
		switch v := e.val.(type) {
		case mapping:
			for _, ik := range []string{"image", "src", "path", "url", "teaser", "overlay_image"} {
				if s, ok := scalarText(v[ik]); ok && s != "" {
					dest = s
					break
				}
			}
			alt, _ = scalarText(v["alt"])
		case []any:
			if len(v) > 0 {
				dest, _ = scalarText(v[0])
			}
		default:
			s, ok := scalarText(v)
			if !ok {
				return true, r.errorf(e, "write the image's path, relative to the file", "want an image path, got %s", describe(v))
			}
			dest = s
		}
		dest = strings.TrimSpace(dest)
		if dest == "" {
			continue
		}
		if !namesPicture(dest) {
			// A theme's header: of HTML, Hugo's images: of something else:
			// not a featured image, and no reason to fail the post.
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("line %d: %s: %s does not name a picture file: not used as the featured image", e.line, e.key, describe(dest)))
			continue
		}
		if alt == "" {
			alt, _ = r.text("featured_image_alt", "featured-image-alt", "image_alt", "cover_alt")
		}
		ref, local := localRef(file, RefFeatured, dest)
		ref.Alt, ref.Line = strings.TrimSpace(alt), e.line
		if !local {
			doc.Warnings = append(doc.Warnings, "featured image "+strconv.Quote(dest)+" is not a file in the folder: not set (WordPress needs the picture in its media library)")
			return true, nil
		}
		doc.Refs = append(doc.Refs, ref)
		return true, nil
	}
	return false, nil
}

// namesPicture reports whether a front matter value is the path or address
// of a picture file: one line ending in a picture's extension (before any
// query or fragment).
func namesPicture(s string) bool {
	if strings.ContainsAny(s, "\n<>") {
		return false
	}
	s, _, _ = strings.Cut(s, "#")
	s, _, _ = strings.Cut(s, "?")
	return IsPicturePath(s)
}

// blockTemplateRE is a block theme's template slug (page-no-title).
var blockTemplateRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// pageTemplate reads the template field as WordPress would take it: a
// classic theme's PHP file (templates/full-width.php) or a block theme's
// template slug. Anything else — Go's blog's template: true, a Zola, Hugo
// or Jekyll layout such as almanac.html — belongs to another generator: it
// is left out with a warning rather than failing the post.
func (r *fieldReader) pageTemplate(doc *Document) (string, int) {
	e, ok := r.fields["template"]
	if !ok || e.val == nil {
		return "", 0
	}
	s, isText := e.val.(string)
	s = strings.TrimSpace(s)
	switch {
	case isText && s == "":
		return "", 0
	case isText && (strings.HasSuffix(strings.ToLower(s), ".php") && !strings.Contains(s, "..") || blockTemplateRE.MatchString(s)):
		return s, e.line
	}
	doc.Warnings = append(doc.Warnings, fmt.Sprintf("line %d: %s: %s is not a WordPress page template: not sent", e.line, e.key, describe(e.val)))
	return "", 0
}
