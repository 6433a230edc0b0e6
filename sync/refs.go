package sync

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/wpsync/wpsync/markdown"
	sitegen "github.com/wpsync/wpsync/site"
)

// Loose references: Hugo's ref and relref, Jekyll's post_url and link
//
// They name a page, not always its file: the extension may be left out,
// a bundle or section is named by its folder. Hugo looks a ref up (its
// page finder, hugolib/pagecollections.go) first relative to the page —
// a regular page's and a leaf bundle's folder's container, a section's
// own folder — then from the content folder, and last, for a ref with no
// "/" at all, by the one page of that name anywhere (a file's name
// without its extension, a bundle's or section's folder). A ref starting
// with "." is only relative. The fragment is kept; a ref to "#x" alone
// is the page itself (package markdown makes it "#x").

// refWritten is the path a loose reference was written with: no
// fragment or query, %-escapes decoded.
func refWritten(r markdown.Ref) string {
	d, _, _ := strings.Cut(r.Dest, "#")
	d, _, _ = strings.Cut(d, "?")
	if u, err := url.PathUnescape(d); err == nil {
		d = u
	}
	return strings.TrimSpace(d)
}

// looseRefCandidates lists, in the order they are tried, the Markdown
// files a loose reference written in the file from may name.
func (s *Syncer) looseRefCandidates(from string, r markdown.Ref) []string {
	d := refWritten(r)
	var cands, last []string
	if !strings.HasPrefix(d, "/") {
		dir := path.Dir(from)
		stem := strings.TrimSuffix(path.Base(from), path.Ext(from))
		if stem == "index" && !(markdown.IsMarkdownPath(d) && strings.HasPrefix(d, "../")) {
			// A leaf bundle is a page of its folder's container: its
			// siblings are the folders beside its own.
			dir = path.Dir(dir)
			// Hugo finds no page by "../sibling" from a bundle (the
			// container's parent); its author meant the bundle's
			// folder: tried last, where Hugo finds nothing.
			last = looseCandidates(path.Join(path.Dir(from), d))
		}
		cands = append(cands, looseCandidates(path.Join(dir, d))...)
		if strings.HasPrefix(d, ".") {
			return append(cands, last...) // only relative to the page
		}
	}
	p := strings.Trim(d, "/")
	if s.opts.Generator != nil && s.opts.Generator.Content() != "" {
		cands = append(cands, looseCandidates(path.Join(s.opts.Generator.Content(), p))...)
	}
	cands = append(cands, looseCandidates(p)...)
	cands = append(cands, looseCandidates("content/"+p)...)
	return append(cands, last...)
}

// byRefName reports whether a loose reference may name a page by its name
// alone: when it has no "/" (Hugo's simple look-up).
func byRefName(r markdown.Ref) bool {
	d := strings.TrimSuffix(refWritten(r), "/")
	return d != "" && !strings.Contains(d, "/")
}

// pageName is the name a page is found by: its file's name without the
// extension, or for a bundle's index or a section's _index its folder's,
// in lower case (Hugo lowers its paths).
func pageName(file string) string {
	base := path.Base(file)
	stem := strings.TrimSuffix(base, path.Ext(base))
	if stem == "index" || stem == "_index" {
		stem = path.Base(path.Dir(file))
	}
	return strings.ToLower(stem)
}

// byName returns the one Markdown page of the content folder with that
// name (pageName; an extension written is left out), or, when none or
// several have it, "" and why.
func (s *Syncer) byName(name string) (string, string) {
	if markdown.IsPagePath(name) {
		name = strings.TrimSuffix(name, path.Ext(name))
	}
	name = strings.ToLower(name)
	s.x.addrMu.Lock()
	defer s.x.addrMu.Unlock()
	if s.x.names == nil {
		files, err := ScanFiles(s.opts.Dir, s.opts.Ignore, nil, s.opts.Generator != nil && sitegen.ReadsMDX(s.opts.Generator))
		if err != nil {
			return "", "names no file in the synced folder"
		}
		content := ""
		if s.opts.Generator != nil {
			content = s.opts.Generator.Content()
		}
		s.x.names = map[string][]string{}
		for _, f := range files {
			if content != "" && !strings.HasPrefix(f, content+"/") || !markdown.IsPagePath(f) {
				continue
			}
			if n := pageName(f); n != "." && n != "" && f != content+"/_index.md" {
				s.x.names[n] = append(s.x.names[n], f)
			}
		}
	}
	switch found := s.x.names[name]; len(found) {
	case 0:
		return "", "names no file in the synced folder"
	case 1:
		return found[0], ""
	default:
		return "", fmt.Sprintf("is ambiguous: %d pages have that name (%s): write its path", len(found), strings.Join(found, ", "))
	}
}
