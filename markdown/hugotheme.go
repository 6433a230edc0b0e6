package markdown

import (
	"fmt"
	"net/url"
	"strings"
)

// externalURL makes a post that is a link out (SiteRules.ExternalURL: the
// externalUrl front matter of the Congo and Blowfish themes, where the
// site builds no page of its own and lists the post as a link to the
// address) a post whose content ends with a paragraph linking to the
// address, the link text the address itself, and whose post format is
// link (the format WordPress has for such a post) unless the file sets
// one. A post without a body would otherwise be empty. It says so in a
// warning, and warns of a value that is not an http(s) address.
func externalURL(doc *Document, f fields) {
	e, ok := f["externalurl"]
	if !ok || e.val == nil {
		return
	}
	s, text := scalarText(e.val)
	s = strings.TrimSpace(s)
	if text && s == "" {
		return
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("line %d: %s: %s is not an http(s) address: the post is published with its own content only", e.line, e.key, describe(e.val)))
		return
	}
	link := `<p><a href="` + escapeAttribute(s) + `">` + escapeText(s) + `</a></p>`
	if doc.Format == FormatBlocks {
		link = "<!-- wp:paragraph -->\n" + link + "\n<!-- /wp:paragraph -->"
	}
	if strings.TrimSpace(doc.Content) != "" {
		link = "\n\n" + link
	}
	doc.Content += link
	if doc.PostFormat == "" {
		doc.PostFormat = "link"
	}
	doc.Warnings = append(doc.Warnings, fmt.Sprintf("line %d: %s: the theme shows this post as a link to %s, with no page of its own: published as a post of format link whose content links there", e.line, e.key, s))
}
