package site

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
	g.setKey(nil, nil) // the bodies read differently than a plain folder's
	return g
}
