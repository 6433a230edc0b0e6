package sync

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/wpsync/wpsync/markdown"
	"github.com/wpsync/wpsync/state"
)

// Files the site refuses to upload
//
// WordPress refuses SVG uploads unless a plugin allows them. A refusal is
// recorded in the state by the file's content hash (state.Refused), so a
// later run sends nothing for the same bytes: only a change of the file or
// --force tries again. An SVG drawing then still reaches readers where the
// user may post unfiltered HTML: it goes into the post inline, as a data:
// address of the drawing with everything that could run or fetch removed
// (sanitizeSVG). Otherwise the file that uses it fails with an error that
// says what to do.

// ErrTypeRefused is wrapped by a publisher's Upload error when the site
// does not take files of that type.
var ErrTypeRefused = errors.New("the site does not take files of this type")

// isSVG reports whether a path names an SVG drawing.
func isSVG(p string) bool { return strings.EqualFold(path.Ext(p), ".svg") }

// refusedMedia resolves a reference to a file the site refused before: the
// drawing inline where that was possible, else the error.
func (s *Syncer) refusedMedia(j *job, r markdown.Ref, p string, rf *state.RefusedMedia) (*Media, error) {
	if rf.Inline && isSVG(p) && r.Kind != markdown.RefFeatured {
		src, err := os.ReadFile(filepath.Join(s.opts.Dir, filepath.FromSlash(p)))
		if err != nil {
			return nil, refError(j, r, "cannot be read: %v", err)
		}
		clean, err := sanitizeSVG(src)
		if err != nil {
			return nil, refError(j, r, "is not an SVG drawing wpsync can read: %v", err)
		}
		j.ext.used[p] = "inline"
		return &Media{URL: "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(clean)}, nil
	}
	what := "convert it to PNG"
	if why := s.damagedPicture(p); why != "" { // damaged.go
		what = "the file " + why
	} else if isSVG(p) {
		what = "allow SVG uploads on the site (a plugin such as Safe SVG), sync as a user who may post unfiltered HTML (an Editor or Administrator: wpsync then puts the drawing in the post itself), or convert it to PNG"
	}
	return nil, refError(j, r, "was refused by the site (%s); not sent again until the file changes or sync --force: %s", rf.Error, what)
}

// recordRefusal remembers a refused upload, and whether its drawing can go
// inline instead (an SVG, and a user with unfiltered_html).
func (s *Syncer) recordRefusal(ctx context.Context, u *upload) {
	inline := false
	if isSVG(u.path) {
		inline, _ = s.pub.Can(ctx, "unfiltered_html")
	}
	s.setRefused(u.hash, &state.RefusedMedia{Path: u.path, Error: "WordPress refused its type", Inline: inline}) // record.go
	if s.x.refusedNow == nil {
		s.x.refusedNow = map[string]bool{}
	}
	s.x.refusedNow[u.hash] = true // --force tried it once this run: enough
}

// svgDropped are elements that run code, fetch other documents, or carry
// HTML of their own.
var svgDropped = map[string]bool{"script": true, "foreignobject": true, "iframe": true, "object": true, "embed": true, "audio": true, "video": true, "image": true, "feimage": true, "style": true, "handler": true, "listener": true}

// sanitizeSVG returns an SVG drawing without scripts, event handlers and
// references to anything outside it: only "#id" references remain, so
// the drawing cannot run code or make the reader's browser fetch anything.
func sanitizeSVG(src []byte) ([]byte, error) {
	nodes, err := html.ParseFragment(bytes.NewReader(src), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return nil, err
	}
	var svg *html.Node
	for _, n := range nodes {
		if n.Type == html.ElementNode && n.Data == "svg" {
			svg = n
			break
		}
	}
	if svg == nil {
		return nil, errors.New("no <svg> element")
	}
	clean(svg)
	if !hasAttr(svg, "xmlns") {
		// A drawing shown through an address is an XML document of its own.
		svg.Attr = append(svg.Attr, html.Attribute{Key: "xmlns", Val: "http://www.w3.org/2000/svg"})
	}
	var out bytes.Buffer
	if err := html.Render(&out, svg); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// clean removes from n's subtree what sanitizeSVG promises to remove.
func clean(n *html.Node) {
	attrs := n.Attr[:0]
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		val := strings.ToLower(strings.TrimSpace(a.Val))
		switch {
		case strings.HasPrefix(key, "on"):
		case (key == "href" || key == "src") && !strings.HasPrefix(val, "#"):
		case strings.Contains(val, "url(") && !strings.Contains(strings.ReplaceAll(val, " ", ""), "url(#"):
		case strings.Contains(val, "javascript:"):
		default:
			attrs = append(attrs, a)
		}
	}
	n.Attr = attrs
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && svgDropped[strings.ToLower(c.Data)] || c.Type == html.CommentNode {
			n.RemoveChild(c)
		} else {
			clean(c)
		}
		c = next
	}
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

// refusedError tells an upload error that is a refusal of the file's type.
func refusedError(err error) bool { return errors.Is(err, ErrTypeRefused) }
