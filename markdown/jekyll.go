package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// Jekyll's Liquid in the body (see hugo.go for the scanner):
//
//	{% highlight go %}…{% endhighlight %}   a code block
//	{% raw %}…{% endraw %}                  its content, as written
//	{% comment %}…{% endcomment %}          nothing
//	{% post_url 2024-01-02-name %}          that post's address
//	{% link _posts/2024-01-02-name.md %}    that file's address
//	{{ site.baseurl }}, {{ site.url }}      nothing: paths from the site root
//	{{ "/x.png" | relative_url }}           /x.png
//
// Any other tag or output is left as written, with a warning.

// liquidTagRE reads a tag: {% name args %}, with Liquid's whitespace
// control dashes.
var liquidTagRE = regexp.MustCompile(`^\{%-?\s*([A-Za-z_]+)\s*((?:[^%]|%[^}])*?)\s*-?%\}`)

// liquidTag converts the Liquid tag at src[j].
func (t *templater) liquidTag(j int, inCode bool) int {
	m := liquidTagRE.FindSubmatchIndex(t.src[j:])
	if m == nil {
		return 0
	}
	name := strings.ToLower(string(t.src[j+m[2] : j+m[3]]))
	args := strings.TrimSpace(string(t.src[j+m[4] : j+m[5]]))
	end := j + m[1]
	tag := string(t.src[j:end])
	if name == "raw" {
		// Honoured in code blocks too: it is how Liquid is shown there.
		cs, ce, ok := findClose(t.src, end, `\{%-?\s*endraw\s*-?%\}`)
		if !ok {
			return 0
		}
		t.out.Write(t.src[end:cs])
		return ce - j
	}
	if inCode {
		return 0
	}
	switch name {
	case "highlight":
		cs, ce, ok := findClose(t.src, end, `\{%-?\s*endhighlight\s*-?%\}`)
		if !ok {
			t.c.warn("liquid highlight", fmt.Sprintf("line %d: Liquid tag %s has no {%% endhighlight %%}: left as text", t.lineOf(j), tag))
			return 0
		}
		lang, _, _ := strings.Cut(args, " ")
		t.fence(lang, t.src[end:cs])
		return ce - j
	case "comment":
		_, ce, ok := findClose(t.src, end, `\{%-?\s*endcomment\s*-?%\}`)
		if !ok {
			return 0
		}
		return ce - j
	case "post_url":
		p := strings.Trim(args, `"' `)
		if p == "" {
			return 0
		}
		t.out.WriteString(refScheme + "/_posts/" + strings.TrimPrefix(p, "/"))
	case "link":
		p := strings.Trim(args, `"' `)
		if p == "" {
			return 0
		}
		t.out.WriteString(refScheme + "/" + strings.TrimPrefix(p, "/"))
	default:
		t.c.warn("liquid "+name, fmt.Sprintf("line %d: Liquid tag %q (%s) left as text: WordPress does not run Liquid", t.lineOf(j), name, tag))
		t.out.WriteString(tag)
	}
	return end - j
}

// liquidOutputRE reads an output: {{ expression }}.
var liquidOutputRE = regexp.MustCompile(`^\{\{-?\s*((?:[^}]|\}[^}])*?)\s*-?\}\}`)

// liquidFilterRE reads "'/x.png' | relative_url" and the like.
var liquidFilterRE = regexp.MustCompile(`^(?:"([^"]*)"|'([^']*)'|([^\s|]+))\s*\|\s*(relative_url|absolute_url)\s*$`)

// liquidOutput converts the Liquid output at src[j].
func (t *templater) liquidOutput(j int) int {
	m := liquidOutputRE.FindSubmatchIndex(t.src[j:])
	if m == nil {
		return 0
	}
	expr := string(t.src[j+m[2] : j+m[3]])
	switch expr {
	case "site.baseurl", "site.url", "site.url | append: site.baseurl":
		return m[1] // paths are then from the site's root
	}
	if f := liquidFilterRE.FindStringSubmatch(expr); f != nil {
		p := f[1] + f[2] + f[3]
		if !strings.HasPrefix(p, "/") && !hasScheme(p) {
			p = "/" + p
		}
		t.out.WriteString(p)
		return m[1]
	}
	if looksLiquid(expr) {
		t.c.warn("liquid {{"+expr+"}}", fmt.Sprintf("line %d: Liquid output %s left as text: WordPress does not run Liquid", t.lineOf(j), bytes.TrimSpace(t.src[j:j+m[1]])))
	}
	return 0
}

// looksLiquid tells a Liquid variable (page.title, site.data.x | size)
// from other double braces in text.
func looksLiquid(expr string) bool {
	for _, p := range []string{"site.", "page.", "post.", "include.", "layout.", "content", "paginator."} {
		if strings.HasPrefix(expr, p) {
			return true
		}
	}
	return false
}
