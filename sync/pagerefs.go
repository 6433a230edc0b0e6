package sync

import (
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/wpsync/wpsync/markdown"
	"github.com/wpsync/wpsync/state"
)

// refCandidates is siteCandidates for a picture or file that the file rel
// refers to, read by the rules of its page (markdown.SiteRules): where
// the generator takes a relative path from the page's address
// (AddressRelative: Hugo's pages that are not bundles), the file the
// address names comes first — under the content folder, where the
// generator publishes it, then in the static folders — and the file beside
// the page after it, as an editor's preview shows it. A featured image's
// relative path is then from the site's root (Hugo's absURL of images:,
// PaperMod's cover.image).
func (s *Syncer) refCandidates(rel string, rules *markdown.SiteRules, r markdown.Ref) []string {
	own := s.siteCandidates(r)
	if a := assetCandidate(rel, rules, r); a != "" {
		own = append([]string{a}, own...)
	}
	if rules == nil || !rules.AddressRelative || r.Kind == markdown.RefLink || r.Address || r.Loose || strings.HasPrefix(r.Path, "/") {
		return own
	}
	d := strings.TrimSpace(r.Dest)
	d, _, _ = strings.Cut(d, "#")
	d, _, _ = strings.Cut(d, "?")
	if u, err := url.PathUnescape(d); err == nil {
		d = u
	}
	if d == "" || strings.HasPrefix(d, "/") {
		return own
	}
	var root string
	if r.Kind == markdown.RefFeatured {
		root = path.Join("/", d)
	} else {
		addr := s.addresses().ofFile[rel]
		if addr == "" {
			return own
		}
		// As a browser resolves it: against the address up to its last "/".
		root = path.Join("/", addr[:strings.LastIndex(addr, "/")+1], d)
	}
	var out []string
	if c := s.opts.Generator.Content(); c != "" && r.Kind != markdown.RefFeatured {
		out = append(out, c+root)
	}
	at := r
	at.Path = root
	for _, c := range append(append(out, s.siteCandidates(at)...), own...) {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// newBundleImage reports whether the bundle picture the page of j would
// show (markdown.SiteRules.BundleImage) is not among what its state entry
// e refers to: the picture came after the file was last read, so the
// file is read again (its front matter decides whether it is used).
func newBundleImage(j *job, e *state.Entry) bool {
	if j.page.Rules == nil || j.page.Rules.BundleImage == "" {
		return false
	}
	_, ok := e.Refs[path.Join(path.Dir(j.path), j.page.Rules.BundleImage)]
	return !ok
}

// assetCandidate is where a relative path of the file rel is found in its
// asset folder (markdown.SiteRules.AssetFolder: Hexo's post_asset_folder,
// whose files the post's address serves, so that ![](x.png) in
// _posts/a.md shows _posts/a/x.png); "" when the page has none.
func assetCandidate(rel string, rules *markdown.SiteRules, r markdown.Ref) string {
	if rules == nil || rules.AssetFolder == "" || r.Address || r.Loose || strings.HasPrefix(r.Path, "/") || markdown.IsMarkdownPath(r.Path) {
		return ""
	}
	d := strings.TrimSpace(r.Dest)
	d, _, _ = strings.Cut(d, "#")
	d, _, _ = strings.Cut(d, "?")
	if u, err := url.PathUnescape(d); err == nil {
		d = u
	}
	if d == "" || strings.HasPrefix(d, "/") {
		return ""
	}
	return path.Join(path.Dir(rel), rules.AssetFolder, d)
}
