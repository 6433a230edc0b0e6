package markdown

import (
	"fmt"
	"strconv"
	"strings"
	"text/template/parse"
)

// A site's shortcode wpsync cannot run
//
// When a site's template uses what wpsync does not have (a partial, a
// resource, a function of its own), readers still get what the shortcode
// means, read from the template itself rather than guessed: the arguments
// the template prints as text (not inside a tag, where an id or a class
// goes) — a glossary's term, a button's label — and, for a paired
// shortcode, what it encloses, as Markdown when the template renders it so
// (.Inner | markdownify, .Page.RenderString) or the shortcode is called
// with {{% %}}. One warning says which template, which line and what
// to do.

// builtinShortcodes are the shortcodes wpsync reads itself (hugo.go) when a
// site's template of that name cannot run.
var builtinShortcodes = map[string]bool{
	"youtube": true, "vimeo": true, "tweet": true, "x": true, "twitter": true, "instagram": true,
	"gist": true, "figure": true, "highlight": true, "ref": true, "relref": true, "param": true,
	"details": true, "qr": true, "comment": true,
}

// argRef names an argument of a shortcode: by name, or by position.
type argRef struct {
	name string
	pos  int // when name is ""
}

// templateUse is what a template does with its arguments and .Inner.
type templateUse struct {
	printed       []argRef // arguments printed as text, in order
	innerMarkdown bool     // .Inner goes through markdownify or RenderString
}

// readTemplateUse reads a template's text without running it (functions
// it calls need not exist).
func readTemplateUse(name, text string) (templateUse, bool) {
	tr := parse.New(name)
	tr.Mode = parse.SkipFuncCheck | parse.ParseComments
	trees := map[string]*parse.Tree{}
	if _, err := tr.Parse(text, "", "", trees); err != nil {
		return templateUse{}, false
	}
	var u templateUse
	if root := trees[name]; root != nil && root.Root != nil {
		w := &useWalker{use: &u, vars: map[string]*argRef{}}
		w.list(root.Root, nil)
	}
	return u, true
}

type useWalker struct {
	use   *templateUse
	vars  map[string]*argRef // variables holding an argument
	inTag bool               // the text so far ends inside an HTML tag
}

func (w *useWalker) list(l *parse.ListNode, dot *argRef) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			for _, c := range n.Text {
				switch c {
				case '<':
					w.inTag = true
				case '>':
					w.inTag = false
				}
			}
		case *parse.ActionNode:
			w.innerUse(n.Pipe)
			a := w.arg(n.Pipe, dot)
			if len(n.Pipe.Decl) > 0 {
				for _, v := range n.Pipe.Decl {
					w.vars[v.Ident[0]] = a
				}
				continue
			}
			if a != nil && !w.inTag {
				w.use.printed = append(w.use.printed, *a)
			}
		case *parse.IfNode:
			w.innerUse(n.Pipe)
			w.list(n.List, dot)
			w.list(n.ElseList, dot)
		case *parse.WithNode:
			w.innerUse(n.Pipe)
			w.list(n.List, w.arg(n.Pipe, dot))
			w.list(n.ElseList, dot)
		case *parse.RangeNode:
			w.innerUse(n.Pipe)
			w.list(n.List, nil)
			w.list(n.ElseList, dot)
		}
	}
}

// arg returns the argument a pipeline's value comes from, if any: .Get
// "name", .Get 0, .Params.name, a variable holding one, or the dot of a
// with over one.
func (w *useWalker) arg(p *parse.PipeNode, dot *argRef) *argRef {
	if p == nil || len(p.Cmds) == 0 {
		return nil
	}
	args := p.Cmds[0].Args
	if len(args) == 0 {
		return nil
	}
	switch a := args[0].(type) {
	case *parse.FieldNode:
		if len(a.Ident) == 1 && a.Ident[0] == "Get" && len(args) > 1 {
			switch k := args[1].(type) {
			case *parse.StringNode:
				return &argRef{name: strings.ToLower(k.Text)}
			case *parse.NumberNode:
				if k.IsInt {
					return &argRef{pos: int(k.Int64)}
				}
			}
		}
		if len(a.Ident) == 2 && a.Ident[0] == "Params" {
			return &argRef{name: strings.ToLower(a.Ident[1])}
		}
	case *parse.VariableNode:
		if len(a.Ident) == 1 {
			return w.vars[a.Ident[0]]
		}
	case *parse.DotNode:
		return dot
	}
	return nil
}

// innerUse notes a pipeline that renders .Inner as Markdown.
func (w *useWalker) innerUse(p *parse.PipeNode) {
	if p == nil {
		return
	}
	inner, md := false, false
	var visit func(n parse.Node)
	visit = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.FieldNode:
			for _, id := range n.Ident {
				inner = inner || id == "Inner" || id == "InnerDeindent"
				md = md || id == "RenderString"
			}
		case *parse.ChainNode:
			for _, id := range n.Field {
				md = md || id == "RenderString"
			}
			visit(n.Node)
		case *parse.IdentifierNode:
			md = md || n.Ident == "markdownify"
		case *parse.PipeNode:
			for _, c := range n.Cmds {
				visit(c)
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				visit(a)
			}
		}
	}
	visit(p)
	if inner && md {
		w.use.innerMarkdown = true
	}
}

// fallback writes what a shortcode whose site template cannot run means
// (see above), and warns once per shortcode.
func (t *templater) fallback(sc *shortcode, off int, why, inner string, paired, block bool) {
	hs := t.opts.Site.hugoSite()
	use, _ := readTemplateUse(sc.name, hs.sources[sc.name])
	var lead []string
	var named []string
	for _, a := range use.printed {
		v, label := "", ""
		if a.name != "" {
			v, label = sc.named[a.name], a.name
		} else if a.pos < len(sc.pos) {
			v, label = sc.pos[a.pos], strconv.Itoa(a.pos)
		}
		if v = strings.TrimSpace(v); v != "" {
			lead = append(lead, v)
			named = append(named, label)
		}
	}
	markdown := sc.delim == '%' || use.innerMarkdown
	got := "it shows nothing"
	switch {
	case len(lead) > 0 && paired:
		got = "readers get the arguments it prints (" + strings.Join(named, ", ") + ") and what it encloses, as text"
	case len(lead) > 0:
		got = "readers get the arguments it prints (" + strings.Join(named, ", ") + "), as text"
	case paired:
		got = "readers get what it encloses, as text"
	}
	t.c.warn("hugo template "+sc.name, fmt.Sprintf("line %d: Hugo shortcode %q: %s: %s; map it to a template wpsync can run in wpsync.yaml (shortcodes: {%s: …}) to show it as the site does",
		t.lineOf(off), sc.name, why, got, sc.name))
	text := mdEscape(strings.Join(lead, ", "))
	body := strings.TrimSpace(inner)
	switch {
	case !paired:
		if text != "" {
			t.write(text, sc, block)
		}
	case markdown || strings.Contains(inner, "```") || strings.Contains(inner, "~~~"):
		body = t.sub(body)
		if text != "" {
			if strings.Contains(body, "\n\n") || body == "" {
				body = "**" + text + "**\n\n" + body
			} else {
				body = "**" + text + "**: " + body
			}
		}
		t.out.WriteString("\n\n" + body + "\n\n")
	default:
		// What the template alone reads, which it does not render as
		// Markdown: as written, never reflowed into paragraphs.
		if text != "" {
			t.out.WriteString("\n\n**" + text + "**\n\n")
		}
		t.fence("", []byte(strings.Trim(inner, "\n")))
	}
}
