package markdown

import (
	"fmt"
	"regexp"
	"strings"
	"text/template"

	"github.com/ardanlabs/jinja"
	"github.com/osteele/liquid"
	lrender "github.com/osteele/liquid/render"
)

// Eleventy's paired shortcodes ({% name args %}…{% endname %}, added by
// addPairedShortcode: https://www.11ty.dev/docs/shortcodes/#paired-shortcodes)
// mapped in wpsync.yaml's shortcodes: run their template with the
// content, its templates run first as Eleventy does, as .Inner, and the
// arguments as .Get 0, .Get 1. Unmapped, the tags are left out with a
// warning and the content stays.

// eleventyCall is what a mapped paired shortcode's template sees.
type eleventyCall struct {
	args []string
	// Inner is the content between the tags, its templates run.
	Inner string
}

// Get returns the i-th argument as text, "" when there is none.
func (c eleventyCall) Get(i int) string {
	if i < 0 || i >= len(c.args) {
		return ""
	}
	return c.args[i]
}

// pairedAfter reports whether text holds the end tag of name.
func pairedAfter(text, name string) bool {
	return regexp.MustCompile(`\{%-?\s*end` + regexp.QuoteMeta(name) + `\s*-?%\}`).MatchString(text)
}

// pairedOpen is a mapped paired shortcode of Nunjucks whose content is
// being read: it becomes {% set %}content{% endset %} and a call of its
// template with it.
type pairedOpen struct {
	name, args, id string
}

func (o pairedOpen) start() string { return "{% set __wpsync_body_" + o.id + " %}" }

func (o pairedOpen) close() string {
	call := "__wpsync_pc_" + o.name + "(__wpsync_body_" + o.id
	if o.args != "" {
		call += ", " + o.args
	}
	return "{% endset %}{{ " + call + ") }}"
}

// pairedCallable runs a paired shortcode's template: its first argument
// is the content.
func pairedCallable(name string, tpl *template.Template) jinja.Value {
	return jinja.NewCallable(name, func(args []jinja.Value, _ map[string]jinja.Value) (jinja.Value, error) {
		call := eleventyCall{}
		for i, a := range args {
			if i == 0 {
				call.Inner = plainOf(a)
				continue
			}
			call.args = append(call.args, plainOf(a))
		}
		var b strings.Builder
		if err := tpl.Execute(&b, call); err != nil {
			return jinja.NewString(""), err
		}
		return jinja.NewString(b.String()), nil
	})
}

// liquidArg is one argument of a Liquid shortcode: a quoted string or an
// expression, separated by commas or spaces.
var liquidArg = regexp.MustCompile(`"[^"]*"|'[^']*'|[^\s,"']+`)

// registerLiquidShortcodes registers the mapped shortcodes in eng: as a
// block when src closes it ({% endname %}), else as a tag.
func (c *refCollector) registerLiquidShortcodes(eng *liquid.Engine, site *EleventySite, src []byte) {
	for name, tpl := range c.eleventyShortcodes(site) {
		run := func(ctx lrender.Context, inner string) (string, error) {
			call := eleventyCall{Inner: inner}
			for _, a := range liquidArg.FindAllString(ctx.TagArgs(), -1) {
				if q := a[0]; q == '"' || q == '\'' {
					call.args = append(call.args, a[1:len(a)-1])
					continue
				}
				v, err := ctx.EvaluateString(a)
				if err != nil {
					return "", err
				}
				if v == nil {
					call.args = append(call.args, "")
				} else {
					call.args = append(call.args, fmt.Sprint(v))
				}
			}
			var b strings.Builder
			err := tpl.Execute(&b, call)
			return b.String(), err
		}
		if pairedAfter(string(src), name) {
			eng.RegisterBlock(name, func(ctx lrender.Context) (string, error) {
				inner, err := ctx.InnerString()
				if err != nil {
					return "", err
				}
				return run(ctx, inner)
			})
			continue
		}
		eng.RegisterTag(name, func(ctx lrender.Context) (string, error) { return run(ctx, "") })
	}
}

// eleventyUnknownTag words the warning of a Liquid tag of src the engine
// does not know: a shortcode of the site's (JavaScript), left out; the
// end tag of a paired one warns nothing more, its content stays.
func eleventyUnknownTag(src []byte) func(name string, line int) string {
	return func(name string, line int) string {
		if open, ok := strings.CutPrefix(name, "end"); ok && open != "" && regexp.MustCompile(`\{%-?\s*`+regexp.QuoteMeta(open)+`\b`).Match(src) {
			return ""
		}
		what := "left out, readers see nothing in its place"
		if pairedAfter(string(src), name) {
			what = "its tags are left out, its content stays"
		}
		return fmt.Sprintf("line %d: Liquid shortcode %q is the site's own (JavaScript): %s: map it in wpsync.yaml's shortcodes: to a template, or write what it should show instead", line, name, what)
	}
}

// eleventyTags adds the tags directory data gives a file to the tags of
// its own front matter, as Eleventy's deep data merge does
// (https://www.11ty.dev/docs/data-deep-merge/): blog/blog.json's
// tags: [blog] and a post's tags: [tea] make both collections.
func eleventyTags(f fields, defaults map[string]any) {
	var inherited any
	for k, v := range defaults {
		if strings.EqualFold(k, "tags") {
			inherited = v
		}
	}
	own, ok := f["tags"]
	if inherited == nil || !ok {
		return
	}
	var all []any
	seen := map[string]bool{}
	for _, v := range []any{inherited, exported(own.val)} {
		list, ok := v.([]any)
		if !ok {
			list = []any{v}
		}
		for _, t := range list {
			s, ok := t.(string)
			if !ok || seen[s] {
				continue
			}
			seen[s] = true
			all = append(all, s)
		}
	}
	own.val = normalize(plain(all), true)
	f["tags"] = own
}
