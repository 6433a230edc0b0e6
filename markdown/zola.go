package markdown

import (
	"bytes"
	"fmt"
	"strings"
)

// Zola's shortcodes
//
// Zola calls a shortcode like a function: {{ youtube(id="dQw4w9WgXcQ") }},
// or with a body, {% note(kind="tip") %}…{% end %}. Its templates are Tera
// (templates/shortcodes/), which wpsync cannot run; so, as for Hugo
// (hugo.go): a template mapped in wpsync.yaml (shortcodes:, Go's
// text/template, with .Get "name" for the arguments and .Inner for the
// body) wins; then Zola's built-ins, youtube, vimeo and streamable (an
// embed or a link) and gist (a link); else a warning, and the body kept
// as written, its tags left out.

// zolaCall is one shortcode call: name(key=value, …).
type zolaCall struct {
	name  string
	args  map[string]string
	end   int  // just past the closing }} or %}
	block bool // {% … %}: a body up to {% end %}
}

// scanZolaCall reads the call starting at src[j] ("{{" or "{%").
func scanZolaCall(src []byte, j int) (*zolaCall, bool) {
	c := &zolaCall{block: src[j+1] == '%', args: map[string]string{}}
	closer := "}}"
	if c.block {
		closer = "%}"
	}
	i := j + 2
	skip := func() {
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n') {
			i++
		}
	}
	skip()
	start := i
	for i < len(src) && (isASCIILetter(src[i]) || isASCIIDigit(src[i]) || src[i] == '_') {
		i++
	}
	if i == start || i >= len(src) || src[i] != '(' {
		return nil, false
	}
	c.name = string(src[start:i])
	i++
	for {
		skip()
		if i >= len(src) {
			return nil, false
		}
		if src[i] == ')' {
			i++
			break
		}
		k := i
		for i < len(src) && (isASCIILetter(src[i]) || isASCIIDigit(src[i]) || src[i] == '_') {
			i++
		}
		key := string(src[k:i])
		skip()
		if key == "" || i >= len(src) || src[i] != '=' {
			return nil, false
		}
		i++
		skip()
		if i >= len(src) {
			return nil, false
		}
		var val string
		switch q := src[i]; q {
		case '"', '\'', '`':
			end := bytes.IndexByte(src[i+1:], q)
			if end < 0 {
				return nil, false
			}
			val, i = string(src[i+1:i+1+end]), i+2+end
		default: // a number, true/false, or a list: as written
			v := i
			depth := 0
			for i < len(src) && (depth > 0 || src[i] != ',' && src[i] != ')') {
				switch src[i] {
				case '[':
					depth++
				case ']':
					depth--
				}
				i++
			}
			val = strings.TrimSpace(string(src[v:i]))
		}
		c.args[key] = val
		skip()
		if i < len(src) && src[i] == ',' {
			i++
		}
	}
	skip()
	if !bytes.HasPrefix(src[i:], []byte(closer)) {
		return nil, false
	}
	c.end = i + len(closer)
	return c, true
}

// zola converts the Zola shortcode call at src[j]; 0 when there is none.
func (t *templater) zola(j int) int {
	c, ok := scanZolaCall(t.src, j)
	if !ok {
		return 0
	}
	end := c.end
	inner := ""
	if c.block {
		cs, ce, ok := findClose(t.src, c.end, `\{%-?\s*end\s*-?%\}`)
		if !ok {
			return 0
		}
		inner, end = string(t.src[c.end:cs]), ce
	}
	block := t.alone(j, c.end)
	// As a Hugo shortcode of the same name for the mapping of wpsync.yaml:
	// .Get "key" reads the arguments.
	sc := &shortcode{name: strings.ToLower(c.name), named: c.args}
	if out, ok, _ := t.opts.Site.hugoSite().runTemplate(sc, t.sub(inner), t.opts.page, t.opts.title); ok {
		t.write(out, sc, block)
		return end - j
	}
	id := c.args["id"]
	switch {
	case (c.name == "youtube" || c.name == "vimeo") && id != "" && !strings.ContainsAny(id, " \t\n<>\"/"):
		sc.pos = []string{id}
		t.write(embedURL(sc), sc, true)
	case c.name == "streamable" && id != "" && !strings.ContainsAny(id, " \t\n<>\"/"):
		t.write("<https://streamable.com/"+id+">", sc, block)
	case c.name == "gist" && hasScheme(c.args["url"]):
		t.write("<"+c.args["url"]+">", sc, block)
	default:
		t.c.warn("zola "+c.name, fmt.Sprintf("line %d: Zola shortcode %q (%s): wpsync cannot run its Tera template: its tags are left out, what it encloses is kept as written; map it to a template in wpsync.yaml (shortcodes: {%s: …}) to show it as the site does", t.lineOf(j), c.name, bytes.TrimSpace(t.src[j:c.end]), c.name))
		if inner != "" {
			t.out.WriteString("\n\n" + t.sub(inner) + "\n\n")
		}
	}
	return end - j
}

// zolaEscaped shows an escaped call, {{/* youtube(id="x") */}}, as the
// call itself, as Zola does; 0 when there is none at src[j].
func (t *templater) zolaEscaped(j int) int {
	open, closeMark := "{{/*", "*/}}"
	if t.src[j+1] == '%' {
		open, closeMark = "{%/*", "*/%}"
	}
	if !bytes.HasPrefix(t.src[j:], []byte(open)) {
		return 0
	}
	end := bytes.Index(t.src[j:], []byte(closeMark))
	if end < 0 {
		return 0
	}
	t.out.WriteString(open[:2] + strings.TrimRight(string(t.src[j+len(open):j+end]), " ") + " " + closeMark[2:])
	return end + len(closeMark)
}
