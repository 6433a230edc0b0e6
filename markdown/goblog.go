package markdown

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"text/template"
)

// The Go project's blog format
//
// go.dev/blog's Markdown files with "template: true" in their front matter
// are Go templates first: the site executes the body with a few functions
// before it renders the Markdown. wpsync does the same with text/template
// and these functions, as the blog defines them:
//
//	{{image "x.png" 850}}        the picture (uploaded like any other), that wide
//	{{code "x.go"}}              the file as a code block; /regexp/ or line
//	{{code "x.go" `/^func main/` `/^}/`}}   addresses select lines, as present's .code does
//	{{play "x.go"}}              the same, a Go program
//	{{raw `<b>html</b>`}}        the text as it is
//	{{video "x.mp4"}}            the video (a YouTube or Vimeo address: embedded)
//
// The files are read beside the Markdown file, inside the synced folder
// only. A body that does not execute is left as written, with a warning.

// goTemplateFuncs are the blog's template functions for the file at rel
// (slash path in the synced folder dir).
func (c *refCollector) goTemplateFuncs(dir, rel string) template.FuncMap {
	read := func(name string) (string, error) {
		p := path.Join(path.Dir(rel), name)
		if strings.HasPrefix(name, "/") || p == ".." || strings.HasPrefix(p, "../") || dir == "" {
			return "", fmt.Errorf("%s is not a file of the folder", name)
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			return "", fmt.Errorf("%s: no such file beside the post", name)
		}
		return string(b), nil
	}
	code := func(lang string) func(name string, addrs ...any) (string, error) {
		return func(name string, addrs ...any) (string, error) {
			text, err := read(name)
			if err != nil {
				return "", err
			}
			text, err = selectLines(text, addrs)
			if err != nil {
				return "", fmt.Errorf("%s: %v", name, err)
			}
			if lang == "" {
				lang = strings.TrimPrefix(path.Ext(name), ".")
			}
			return fenceText(lang, []byte(stripOmit(text))), nil
		}
	}
	return template.FuncMap{
		"image": func(name string, width ...int) string {
			w := ""
			if len(width) > 0 && width[0] > 0 {
				w = ` width="` + strconv.Itoa(width[0]) + `"`
			}
			return `<img src="` + html.EscapeString(name) + `"` + w + ` alt="">`
		},
		"code": code(""),
		"play": code("go"),
		"raw":  func(s string) string { return s },
		"video": func(src string) string {
			for _, e := range embedProviders {
				if e.re.MatchString(src) {
					return "\n\n" + src + "\n\n"
				}
			}
			return `<video controls src="` + html.EscapeString(src) + `"></video>`
		},
	}
}

// renderGoTemplate executes a template: true body. ok is false when it
// does not parse or run; the body is then left as written.
func (c *refCollector) renderGoTemplate(src []byte, dir string) ([]byte, bool) {
	tpl, err := template.New(c.file).Funcs(c.goTemplateFuncs(dir, c.file)).Parse(string(src))
	if err == nil {
		var b bytes.Buffer
		if err = tpl.Execute(&b, nil); err == nil {
			return b.Bytes(), true
		}
	}
	c.warn("go template", fmt.Sprintf("the body (template: true) could not be run as the Go blog runs it (%s): left as written", shortErr(err)))
	return src, false
}

// selectLines selects the lines of text an address or a pair of addresses
// names, as present's .code command does: a line number, or /regexp/ for
// the first line matching it (the second address searching after the
// first).
func selectLines(text string, addrs []any) (string, error) {
	if len(addrs) == 0 {
		return text, nil
	}
	lines := strings.SplitAfter(text, "\n")
	find := func(a any, from int) (int, error) {
		switch a := a.(type) {
		case int:
			if a < 1 || a > len(lines) {
				return 0, fmt.Errorf("no line %d", a)
			}
			return a - 1, nil
		case string:
			if n, err := strconv.Atoi(a); err == nil {
				if n < 1 || n > len(lines) {
					return 0, fmt.Errorf("no line %d", n)
				}
				return n - 1, nil
			}
			if len(a) < 2 || a[0] != '/' || a[len(a)-1] != '/' {
				return 0, fmt.Errorf("address %q: want a line number or /regexp/", a)
			}
			re, err := regexp.Compile("(?m)" + a[1:len(a)-1])
			if err != nil {
				return 0, err
			}
			for i := from; i < len(lines); i++ {
				if re.MatchString(strings.TrimSuffix(lines[i], "\n")) {
					return i, nil
				}
			}
			return 0, fmt.Errorf("no line matches %s", a)
		}
		return 0, fmt.Errorf("address %v: want a line number or /regexp/", a)
	}
	start, err := find(addrs[0], 0)
	if err != nil {
		return "", err
	}
	end := start
	if len(addrs) > 1 {
		if end, err = find(addrs[1], start); err != nil {
			return "", err
		}
	}
	return strings.Join(lines[start:end+1], ""), nil
}

// stripOmit drops the lines present's files mark to leave out ("// OMIT"),
// and the marker at the end of others ("// HL").
func stripOmit(text string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(text, "\n") {
		if strings.HasSuffix(strings.TrimRight(line, "\n"), "OMIT") {
			continue
		}
		b.WriteString(line)
	}
	return b.String()
}
