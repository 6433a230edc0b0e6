package markdown

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// Decoded front matter values are reduced to a few shapes so that field
// validation is the same for every format:
//
//	nil, string, bool, number, time.Time (TOML datetimes), []any, compound
//
// YAML timestamps stay strings (their raw text) so we can see whether the
// author wrote a zone; list items that are lists or maps become compound.
type (
	// number is a numeric value kept as written, so `title: 1.10` stays "1.10".
	number string
	// compound is a nested list or map, described for error messages.
	compound string
	// mapping is a top-level map (cover: {image: x.png}), its values
	// converted like list items (extra.go).
	mapping map[string]any
)

// entry is one top-level front matter key.
type entry struct {
	key  string // as written
	line int    // file line of the key; 0 when unknown
	val  any
}

// fields holds the entries by lower-cased key, so Hugo's capitalised keys
// (Title, Date) work too.
type fields map[string]entry

// add stores e; a key written in lower case wins over a capitalised variant,
// otherwise the first one written wins.
func (f fields) add(e entry) {
	k := strings.ToLower(e.key)
	if old, ok := f[k]; ok && (old.key == k || e.key != k) {
		return
	}
	f[k] = e
}

// decode parses the front matter into fields.
func (fm *frontMatter) decode(path string) (fields, error) {
	switch fm.format {
	case formatYAML:
		return fm.decodeYAML(path)
	case formatTOML:
		return fm.decodeTOML(path)
	default:
		return fm.decodeJSON(path)
	}
}

// unmarshal decodes the front matter into v (a map or a struct tagged for
// yaml, toml and json) with its format's library, for the readers that
// want a part of it as it is written (FrontMatterMap, meta:, taxonomies).
func (fm *frontMatter) unmarshal(v any) error {
	switch fm.format {
	case formatYAML:
		return yaml.Unmarshal(fm.raw, v)
	case formatTOML:
		_, err := toml.Decode(string(fm.raw), v)
		return err
	default:
		return json.Unmarshal(fm.raw, v)
	}
}

// syntaxError reports broken front matter at a line within it (0: unknown).
func (fm *frontMatter) syntaxError(path string, rawLine int, msg string) *Error {
	e := &Error{Path: path, Line: fm.fileLine(rawLine), Msg: "invalid " + fm.format + " front matter: " + msg}
	if e.Line > 0 {
		e.Hint = fmt.Sprintf("fix the %s syntax near line %d", fm.format, e.Line)
	} else {
		first := fm.lineBase + 1
		last := fm.lineBase + bytes.Count(fm.raw, []byte("\n"))
		e.Hint = fmt.Sprintf("fix the %s syntax between lines %d and %d", fm.format, first, max(first, last))
	}
	return e
}

func (fm *frontMatter) decodeYAML(path string) (fields, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(fm.raw, &doc); err != nil {
		return nil, fm.yamlError(path, err)
	}
	f := fields{}
	if len(doc.Content) == 0 {
		return f, nil // empty or only comments
	}
	root := doc.Content[0]
	if root.Kind == yaml.AliasNode && root.Alias != nil {
		root = root.Alias
	}
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return f, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, &Error{
			Path: path, Line: fm.fileLine(root.Line),
			Msg:  "front matter is not a set of key: value lines",
			Hint: "write one field per line, like title: My post",
		}
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		// yaml.v3 only rejects duplicate keys when decoding into a map;
		// a silently ignored second title would be worse than an error.
		if first, dup := seen[k.Value]; dup && fm.lastKeyWins {
			fm.warnings = append(fm.warnings, fmt.Sprintf("line %d: front matter field %q is given twice (first on line %d): the last value counts, as Jekyll reads it: remove one of them", fm.fileLine(k.Line), k.Value, fm.fileLine(first)))
			if old, ok := f[strings.ToLower(k.Value)]; ok && old.key == k.Value {
				delete(f, strings.ToLower(k.Value))
			}
		} else if dup {
			return nil, &Error{
				Path: path, Line: fm.fileLine(k.Line), Field: k.Value,
				Msg:  fmt.Sprintf("given twice (first on line %d)", fm.fileLine(first)),
				Hint: "remove one of them",
			}
		}
		seen[k.Value] = k.Line
		f.add(entry{key: k.Value, line: fm.fileLine(k.Line), val: yamlValue(v, true)})
	}
	return f, nil
}

// yamlError turns a yaml.v3 syntax error into an *Error on the line where
// the front matter stops being YAML. yaml.v3 gives syntax errors no type of
// their own, and the line in its text is sometimes one early, so the line is
// found with the parser itself: the longest run of leading lines that still
// parses ends just before it. (Only a broken file pays for the extra parses,
// of a few dozen short lines.)
func (fm *frontMatter) yamlError(path string, err error) *Error {
	lines := bytes.SplitAfter(fm.raw, []byte("\n"))
	if len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	bad := 0 // 1-based line within fm.raw; 0 when not found
	for n := len(lines) - 1; n >= 0; n-- {
		var doc yaml.Node
		if yaml.Unmarshal(bytes.Join(lines[:n], nil), &doc) == nil {
			bad = n + 1
			break
		}
	}
	if bad > 0 {
		if e := fm.unquotedColon(path, lines, bad); e != nil {
			return e
		}
	}
	// yaml.v3's text starts "yaml: line N: " with N counted within the
	// front matter; the file line is given separately.
	msg, _ := strings.CutPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if _, after, found := strings.Cut(rest, ": "); found {
			msg = after
		}
	}
	return fm.syntaxError(path, bad, msg)
}

// unquotedColon recognises the commonest YAML mistake in front matter, a
// value holding ": " (title: Kubernetes: the parts), which YAML reads as a
// second key. It returns nil unless quoting the value on line bad makes the
// whole front matter valid, with the value read back as written.
func (fm *frontMatter) unquotedColon(path string, lines [][]byte, bad int) *Error {
	line := string(lines[bad-1])
	body := strings.TrimRight(line, "\r\n")
	key, value, ok := strings.Cut(body, ": ")
	value = strings.TrimSpace(value)
	if !ok || strings.TrimSpace(key) == "" || value == "" ||
		strings.ContainsAny(value[:1], `"'[{|>&*!#:`) || !strings.Contains(value, ":") {
		return nil
	}
	quoted := `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(value) + `"`
	fixed := slices.Clone(lines)
	fixed[bad-1] = []byte(key + ": " + quoted + line[len(body):])
	var doc struct{ v map[string]any }
	if yaml.Unmarshal(bytes.Join(fixed, nil), &doc.v) != nil {
		return nil
	}
	name := strings.TrimSpace(key)
	if v, _ := doc.v[name].(string); v != value {
		return nil
	}
	return &Error{
		Path: path, Line: fm.fileLine(bad), Field: name,
		Msg:  `the value holds ": ", which YAML reads as the start of another key`,
		Hint: fmt.Sprintf("put the value in quotes: %s: %s", name, quoted),
	}
}

// yamlValue converts a node; top is false for list items, whose own lists and
// maps are only described (which also stops alias cycles).
// scalars reports whether every item of the sequence n is a scalar.
func scalars(n *yaml.Node) bool {
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode {
			return false
		}
	}
	return true
}

func yamlValue(n *yaml.Node, top bool) any {
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return nil
		}
		n = n.Alias
	}
	switch n.Kind {
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil
		case "!!bool":
			var b bool
			if n.Decode(&b) == nil {
				return b
			}
		case "!!int", "!!float":
			return number(n.Value)
		}
		return n.Value
	case yaml.SequenceNode:
		if !top {
			return compound("a list")
		}
		list := make([]any, len(n.Content))
		for i, c := range n.Content {
			list[i] = yamlValue(c, false)
			if c.Kind == yaml.SequenceNode && scalars(c) {
				// A list of lists of names: Hexo's categories, one
				// hierarchy each ([[A, B], [C]]).
				sub := make([]any, len(c.Content))
				for j, x := range c.Content {
					sub[j] = yamlValue(x, false)
				}
				list[i] = sub
			}
		}
		return list
	case yaml.MappingNode:
		if !top {
			return compound("a mapping")
		}
		m := mapping{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[strings.ToLower(n.Content[i].Value)] = yamlValue(n.Content[i+1], false)
		}
		return m
	}
	return nil
}

func (fm *frontMatter) decodeTOML(path string) (fields, error) {
	var m map[string]any
	if _, err := toml.Decode(string(fm.raw), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fm.syntaxError(path, pe.Position.Line, pe.Message)
		}
		return nil, fm.syntaxError(path, 0, err.Error())
	}
	return fm.fromMap(m, tomlKeyLine), nil
}

func (fm *frontMatter) decodeJSON(path string) (fields, error) {
	dec := json.NewDecoder(bytes.NewReader(fm.raw))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, fm.syntaxError(path, lineAt(fm.raw, int(se.Offset)), err.Error())
		case errors.As(err, &te):
			return nil, fm.syntaxError(path, lineAt(fm.raw, int(te.Offset)), "front matter must be an object")
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, fm.syntaxError(path, lineAt(fm.raw, len(fm.raw)), "unexpected end of the object")
		}
		return nil, fm.syntaxError(path, 0, err.Error())
	}
	if off := int(dec.InputOffset()); len(bytes.TrimSpace(fm.raw[off:])) > 0 {
		return nil, fm.syntaxError(path, lineAt(fm.raw, off+1), "unexpected text after the object")
	}
	return fm.fromMap(m, jsonKeyLine), nil
}

// fromMap turns a decoded TOML or JSON object into fields. Keys are visited
// in sorted order so the choice between Title and TITLE is stable.
func (fm *frontMatter) fromMap(m map[string]any, keyLine func(lines []string, key string) int) fields {
	f := fields{}
	lines := strings.Split(string(fm.raw), "\n")
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		f.add(entry{key: k, line: fm.fileLine(keyLine(lines, k)), val: normalize(m[k], true)})
	}
	return f
}

// normalize converts a TOML or JSON value to the shapes described above.
func normalize(v any, top bool) any {
	switch v := v.(type) {
	case nil, string, bool, time.Time:
		return v
	case int64:
		return number(strconv.FormatInt(v, 10))
	case float64:
		return number(strconv.FormatFloat(v, 'g', -1, 64))
	case json.Number:
		return number(v)
	case []any:
		if !top {
			return compound("a list")
		}
		list := make([]any, len(v))
		for i, item := range v {
			list[i] = normalize(item, false)
		}
		return list
	case []map[string]any:
		if !top {
			return compound("a list")
		}
		list := make([]any, len(v))
		for i := range v {
			list[i] = compound("a table")
		}
		return list
	case map[string]any:
		if !top {
			return compound("a mapping")
		}
		m := mapping{}
		for k, item := range v {
			m[strings.ToLower(k)] = normalize(item, false)
		}
		return m
	}
	return compound("a mapping")
}

// lineAt returns the 1-based line holding byte offset off of b.
func lineAt(b []byte, off int) int {
	off = min(max(off, 0), len(b))
	return bytes.Count(b[:off], []byte("\n")) + 1
}

// tomlKeyLine finds `key =` before the first [table] header; 0 if absent.
// TOML's decoder does not report key positions, and a scan is good enough
// for pointing at a line.
func tomlKeyLine(lines []string, key string) int {
	forms := []string{key, `"` + key + `"`, `'` + key + `'`}
	for i, line := range lines {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			return 0
		}
		for _, k := range forms {
			if rest, ok := strings.CutPrefix(t, k); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
				return i + 1
			}
		}
	}
	return 0
}

// jsonKeyLine finds the first `"key":`; 0 if absent.
func jsonKeyLine(lines []string, key string) int {
	quoted := strconv.Quote(key)
	for i, line := range lines {
		for rest := line; ; {
			j := strings.Index(rest, quoted)
			if j < 0 {
				break
			}
			rest = rest[j+len(quoted):]
			if strings.HasPrefix(strings.TrimSpace(rest), ":") {
				return i + 1
			}
		}
	}
	return 0
}
