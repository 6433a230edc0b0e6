package site

import "github.com/wpsync/wpsync/markdown"

// goBlog is the Go project's blog (go.dev/blog, golang.org/x/website's
// _content/blog): a folder of Markdown files whose front matter says
// template: true when its body is a Go template, run with the blog's
// functions before the Markdown (markdown/goblog.go). It has no
// configuration file to be recognised by: wpsync.yaml names it,
// generator: goblog. Otherwise it is read as a plain folder.
type goBlog struct{ plain }

func newGoBlog(dir string, static []string) *goBlog {
	g := &goBlog{*newPlain(dir, static)}
	g.generator = "goblog"
	g.dialect.GoTemplate = true
	// The blog's renderer (rsc.io/markdown) makes no heading ids and
	// reads no $ math: none of a plain folder's.
	g.dialect.HeadingIDs, g.dialect.Math = markdown.HeadingIDs{}, nil
	g.setKey(nil, nil) // the bodies read differently than a plain folder's
	return g
}
